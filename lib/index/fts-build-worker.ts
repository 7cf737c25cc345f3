import { parentPort, workerData } from 'node:worker_threads';
import { createFtsStore, SCHEMA_VERSION } from './fts-store.js';
import type { BuildMessage, BuildReply } from './fts-builder.js';
import { openSqlDatabase } from './sql-engine.js';

/**
 * Builds a fresh FTS database file off the main thread during a full rebuild, so parsing (main
 * thread) and FTS5 insertion (here) use both cores. Closes the file and replies `done`; the
 * main thread opens it.
 */
const port = parentPort!;
const { file } = workerData as { file: string };
const db = openSqlDatabase(file);
const fts = createFtsStore(db);
fts.setMeta('schema', String(SCHEMA_VERSION));
fts.setBulkLoad(true);

port.on('message', (message: BuildMessage) => {
  try {
    if (message.type === 'rows') {
      db.transaction(() => {
        for (const row of message.rows) fts.insertFresh(row);
      });
    } else if (message.type === 'vocabulary') {
      db.transaction(() => {
        for (const row of message.rows) fts.insertVocabularyFresh(row.id, row.scopeKey, row.words);
      });
    } else {
      fts.setBulkLoad(false);
      db.close();
      port.postMessage({ type: 'done' } satisfies BuildReply);
    }
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).message } satisfies BuildReply);
    port.close();
  }
});
