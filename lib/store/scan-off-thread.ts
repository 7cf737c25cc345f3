import { startModuleWorker } from './module-worker.js';
import { scanTree, unpackScan, type PackedScan } from './scan-tree.js';
import type { FileInfo } from './wiki-files.js';

type ScanReply = { ok: true; packed: PackedScan } | { ok: false; message: string };

/**
 * Scans the wiki in a worker thread (scan-worker.ts): at 50k pages the stat of every file is
 * ~0.3-0.6 s, which a warm start spends on its other core while this one decodes the index.
 * Any failure of the worker falls back to the same scan here, so the answer never differs.
 */
export function scanOffThread(root: string): Promise<FileInfo[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (files: () => FileInfo[]) => {
      if (settled) return;
      settled = true;
      try {
        resolve(files());
      } catch (error) {
        reject(error as Error);
      }
    };
    try {
      const worker = startModuleWorker(import.meta.url, 'scan-worker', { root });
      worker.once('message', (reply: ScanReply) => settle(() => (reply.ok ? unpackScan(reply.packed) : scanTree(root))));
      worker.once('error', () => settle(() => scanTree(root)));
      worker.once('exit', () => settle(() => scanTree(root)));
    } catch {
      settle(() => scanTree(root));
    }
  });
}
