import type { Logger } from '../core/logger.js';
import { plainText } from '../core/markdown.js';
import { startModuleWorker } from '../store/module-worker.js';
import { createFtsStore, ftsRow, SCHEMA_VERSION, type FtsRow, type FtsStore } from './fts-store.js';
import type { IndexedPage } from './indexed-page.js';
import { openSqlDatabase } from './sql-engine.js';

export type BuildMessage = { type: 'rows'; rows: FtsRow[] } | { type: 'finish' };
export type BuildReply = { type: 'image'; bytes: Uint8Array };

/** Collects pages for a full rebuild and produces the finished FTS store. */
export interface FtsBuilder {
  add(page: IndexedPage, markdownBody: string): void;
  finish(): Promise<FtsStore>;
}

const ROWS_PER_MESSAGE = 64;

/**
 * Prefers a worker thread (FTS5 insertion is the slowest part of a cold start and runs in
 * parallel with parsing there); falls back to building in this thread if a worker cannot start.
 */
export function createFtsBuilder(logger: Logger): FtsBuilder {
  try {
    return workerBuilder();
  } catch (error) {
    logger.warn(`index: building in the main thread (no worker: ${(error as Error).message})`);
    return inlineBuilder();
  }
}

function workerBuilder(): FtsBuilder {
  const worker = startModuleWorker(import.meta.url, 'fts-build-worker');
  let batch: FtsRow[] = [];
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
    async finish() {
      flush();
      const image = new Promise<Uint8Array>((resolve) => worker.once('message', (reply: BuildReply) => resolve(reply.bytes)));
      worker.postMessage({ type: 'finish' } satisfies BuildMessage);
      try {
        const bytes = await Promise.race([image, failed]);
        return createFtsStore(await openSqlDatabase(bytes));
      } finally {
        void worker.terminate();
      }
    },
  };
}

function inlineBuilder(): FtsBuilder {
  const rows: FtsRow[] = [];
  return {
    add(page, body) {
      rows.push(ftsRow(page, plainText(body)));
    },
    async finish() {
      const fts = createFtsStore(await openSqlDatabase());
      fts.setMeta('schema', String(SCHEMA_VERSION));
      fts.db.transaction(() => {
        for (const row of rows) fts.insertFresh(row);
      });
      return fts;
    },
  };
}
