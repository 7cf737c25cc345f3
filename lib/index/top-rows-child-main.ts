import { rmSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { writeFileAtomic } from '../store/atomic-write.js';
import { BM25_PAGE_WEIGHTS } from './fts-store.js';
import { computeTopRows, encodeTopRows } from './top-rows.js';
import { withReadOnlyLink } from './top-rows-reader.js';
import { pendingFile, type TopRowsChildMessage, type TopRowsRequest } from './top-rows-job.js';

/**
 * The top-rows child: computes the lists of the database the server serves (top-rows.ts), saves
 * them as `request.file` and exits. ~10 s of CPU at 50k pages that would otherwise hold the
 * server's queries up; it runs at the lowest priority, so on a busy machine the server's own
 * work comes first. The server decides whether what it computed can be used (top-rows-job.ts).
 */
const sendLast = (message: TopRowsChildMessage) => new Promise<void>((resolve) => (process.send && process.connected ? process.send(message, undefined, {}, () => resolve()) : resolve()));

process.once('message', (request: TopRowsRequest) => {
  void compute(request)
    .then(
      (message) => sendLast(message),
      (error: unknown) => sendLast({ type: 'failed', message: (error as Error).message }),
    )
    .finally(() => process.exit(0));
});
// A server that stops meanwhile leaves the computation to finish: the lists are saved under the
// generation they describe, and the next start uses them only if the database still records it
// (no page was written since).
process.on('disconnect', () => undefined);

async function compute(request: TopRowsRequest): Promise<TopRowsChildMessage> {
  try {
    setPriority(19);
  } catch {
    // Not allowed here: it still runs, at the same priority as the server.
  }
  const started = performance.now();
  // Tells a server started meanwhile (a restart right after a reindex) to wait for these lists
  // instead of computing them a second time (TopRowsKeeper.load).
  const pending = pendingFile(request.file);
  writeFileSync(pending, String(process.pid));
  try {
    const topRows = withReadOnlyLink(request.database, (db) => computeTopRows(db, BM25_PAGE_WEIGHTS, request.generation, request.options));
    await writeFileAtomic(request.file, encodeTopRows(topRows));
    return { type: 'saved', lists: topRows.lists.size, ms: Math.round(performance.now() - started) };
  } finally {
    rmSync(pending, { force: true });
  }
}
