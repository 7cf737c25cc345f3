import { parentPort } from 'node:worker_threads';
import { createFtsStore, SCHEMA_VERSION } from './fts-store.js';
import type { BuildMessage, BuildReply } from './fts-builder.js';
import { openSqlDatabase } from './sql-engine.js';

/**
 * Builds a fresh FTS database off the main thread during a full rebuild, so parsing (main
 * thread) and FTS5 insertion (here) use both cores. Replies with the database image.
 */
const port = parentPort!;
const queue: BuildMessage[] = [];
let ready = false;

port.on('message', (message: BuildMessage) => {
  queue.push(message);
  if (ready) drain();
});

const db = await openSqlDatabase();
const fts = createFtsStore(db);
fts.setMeta('schema', String(SCHEMA_VERSION));
fts.setBulkLoad(true);
ready = true;
drain();

function drain(): void {
  while (queue.length > 0) {
    const message = queue.shift()!;
    if (message.type === 'rows') {
      db.transaction(() => {
        for (const row of message.rows) fts.insertFresh(row);
      });
    } else {
      fts.setBulkLoad(false);
      const bytes = db.export();
      const reply: BuildReply = { type: 'image', bytes };
      port.postMessage(reply, [bytes.buffer as ArrayBuffer]);
    }
  }
}
