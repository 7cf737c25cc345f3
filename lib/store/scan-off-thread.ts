import { startModuleWorker } from './module-worker.js';
import { unpackScan, type PackedScan } from './packed-scan.js';
import { scanTree } from './scan-tree.js';
import type { FileInfo } from './wiki-files.js';

type ScanReply = ({ ok: true } & PackedScan) | { ok: false; message: string };

/**
 * `scanTree` on a worker thread: the ~50k stats of a large wiki (~0.3-0.5 s) run while this
 * thread does other work (a warm start decoding the catalog), and cost this thread only the
 * unpacking. If the worker cannot run or fails, the walk runs here, so the caller sees the
 * errors `scanTree` itself would throw.
 */
export function scanTreeOffThread(root: string, under = ''): Promise<FileInfo[]> {
  return scanInWorker(root, under).catch(() => scanTree(root, under));
}

/** The walk on a worker thread, failing when the worker does (no walk here instead). */
export function scanInWorker(root: string, under = ''): Promise<FileInfo[]> {
  return new Promise<PackedScan>((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, 'scan-worker', { root, under });
    worker.once('message', (reply: ScanReply) => (reply.ok ? resolve(reply) : reject(new Error(reply.message))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the scan worker exited (${code}) without an answer`)));
  }).then(unpackScan);
}
