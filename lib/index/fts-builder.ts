import type { Logger } from '../core/logger.js';
import { plainText } from '../core/markdown.js';
import { startModuleWorker } from '../store/module-worker.js';
import { createFtsStore, ftsRow, SCHEMA_VERSION, type FtsRow, type FtsStore } from './fts-store.js';
import type { VocabularyRow } from './bulk-vocabulary.js';
import type { IndexedPage } from './indexed-page.js';
import { openSqlDatabase } from './sql-engine.js';

export type BuildMessage = { type: 'rows'; rows: FtsRow[] } | { type: 'vocabulary'; rows: VocabularyRow[] } | { type: 'finish' };
export type BuildReply = { type: 'done' } | { type: 'failed'; message: string };

/** Collects pages for a full rebuild and produces the finished FTS store. */
export interface FtsBuilder {
  add(page: IndexedPage, markdownBody: string): void;
  /** The vocabulary rows (bulk-vocabulary.ts), once every page is added. */
  addVocabulary(rows: VocabularyRow[]): void;
  finish(): Promise<FtsStore>;
}

const ROWS_PER_MESSAGE = 64;
const VOCABULARY_PER_MESSAGE = 1024;

/**
 * Builds a fresh FTS database in `file` (a new file no one else uses), or in memory when `file`
 * is null. Prefers a worker thread (FTS5 insertion is the slowest part of a cold start and runs
 * in parallel with parsing there), which writes the file and closes it; this thread then opens
 * the file. Falls back to building in this thread if a worker cannot start.
 */
export function createFtsBuilder(logger: Logger, file: string | null): FtsBuilder {
  if (file === null) return inlineBuilder(null);
  try {
    return workerBuilder(file);
  } catch (error) {
    logger.warn(`index: building in the main thread (no worker: ${(error as Error).message})`);
    return inlineBuilder(file);
  }
}

function workerBuilder(file: string): FtsBuilder {
  const worker = startModuleWorker(import.meta.url, 'fts-build-worker', { file });
  let batch: FtsRow[] = [];
  // Listening from the start: a failure can be reported before `finish` is called.
  const reply = new Promise<BuildReply>((resolve) => worker.once('message', resolve));
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`FTS build worker exited with code ${code}`)));
  });
  failed.catch(() => undefined);
  const flush = () => {
    if (batch.length === 0) return;
    const message: BuildMessage = { type: 'rows', rows: batch };
    worker.postMessage(message);
    batch = [];
  };
  return {
    add(page, body) {
      batch.push(ftsRow(page, plainText(body)));
      if (batch.length >= ROWS_PER_MESSAGE) flush();
    },
    addVocabulary(rows) {
      flush();
      for (let start = 0; start < rows.length; start += VOCABULARY_PER_MESSAGE) {
        worker.postMessage({ type: 'vocabulary', rows: rows.slice(start, start + VOCABULARY_PER_MESSAGE) } satisfies BuildMessage);
      }
    },
    async finish() {
      flush();
      worker.postMessage({ type: 'finish' } satisfies BuildMessage);
      try {
        const outcome = await Promise.race([reply, failed]);
        if (outcome.type === 'failed') throw new Error(`FTS build failed: ${outcome.message}`);
        return createFtsStore(openSqlDatabase(file, { mustExist: true }));
      } finally {
        void worker.terminate();
      }
    },
  };
}

function inlineBuilder(file: string | null): FtsBuilder {
  const rows: FtsRow[] = [];
  let vocabulary: VocabularyRow[] = [];
  return {
    add(page, body) {
      rows.push(ftsRow(page, plainText(body)));
    },
    addVocabulary(more) {
      vocabulary = vocabulary.concat(more);
    },
    async finish() {
      const fts = createFtsStore(openSqlDatabase(file));
      fts.setMeta('schema', String(SCHEMA_VERSION));
      fts.db.transaction(() => {
        for (const row of rows) fts.insertFresh(row);
        for (const row of vocabulary) fts.insertVocabularyFresh(row.id, row.scopeKey, row.words);
      });
      return fts;
    },
  };
}
