import { parentPort, workerData } from 'node:worker_threads';
import { packScan } from './packed-scan.js';
import { scanTree } from './scan-tree.js';

/**
 * Walks the wiki on its own thread (scan-off-thread.ts) and posts what it found packed: one
 * string of paths and one array of numbers, instead of 50k objects for the main thread to
 * receive and collect.
 */
const { root, under } = workerData as { root: string; under: string };
try {
  const packed = packScan(scanTree(root, under));
  parentPort!.postMessage({ ok: true, ...packed }, [packed.stats.buffer as ArrayBuffer]);
} catch (error) {
  parentPort!.postMessage({ ok: false, message: (error as Error).message });
}
