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
// While building, a larger FTS5 hash of pending terms (fewer, larger level-0 segments, so less
// merging) and a larger page cache (merges read back the segments just written). Both only cost
// memory of this short-lived build process; the served database gets FTS5's defaults back below.
const BUILD_HASH_BYTES = 8 * 1024 * 1024;
const DEFAULT_HASH_BYTES = 1024 * 1024;
const BUILD_CACHE_KIB = 64 * 1024;
// No rollback journal either: this file becomes the index only once the build has finished and
// its catalog names it (persist.ts), so a build that dies leaves a file nobody opens; the
// server's own connection to it journals as usual (sql-engine.ts).
db.exec(`PRAGMA cache_size = -${BUILD_CACHE_KIB}; PRAGMA journal_mode = OFF;`);
setHashSize(BUILD_HASH_BYTES);

/**
 * Messages that arrived since the last drain. They are inserted together in one transaction:
 * FTS5 writes its pending terms as a new segment at every commit, so a commit per message (64
 * rows) made ~160 small segments at 10k pages for automerge to merge again, and each commit
 * also writes and truncates the journal. When this thread keeps up, a drain holds one message.
 */
let queued: BuildMessage[] = [];
let draining = false;

port.on('message', (message: BuildMessage) => {
  queued.push(message);
  if (draining) return;
  draining = true;
  setImmediate(drain);
});

function drain(): void {
  draining = false;
  const messages = queued;
  queued = [];
  try {
    const last = messages[messages.length - 1];
    db.transaction(() => {
      for (const message of messages) insert(message);
    });
    if (last?.type === 'finish') {
      fts.setBulkLoad(false);
      setHashSize(DEFAULT_HASH_BYTES);
      db.close();
      port.postMessage({ type: 'done' } satisfies BuildReply);
    }
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).message } satisfies BuildReply);
    port.close();
  }
}

function setHashSize(bytes: number): void {
  // Stored in the table's config: later writes by the server would otherwise use it too.
  for (const table of ['pages_fts', 'vocab_fts']) db.run(`INSERT INTO ${table}(${table}, rank) VALUES('hashsize', ?)`, [bytes]);
}

const utf8 = new TextEncoder();

function insert(message: BuildMessage): void {
  if (message.type === 'rows') {
    for (const row of message.rows) fts.insertFresh(row, utf8.encode(row.body));
  } else if (message.type === 'vocabulary') {
    for (const row of message.rows) fts.insertVocabularyFresh(row.id, row.scopeKey, row.words);
  }
}
