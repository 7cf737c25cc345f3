import { parentPort, workerData } from 'node:worker_threads';
import { packScan, scanTree } from './scan-tree.js';

/** Scans the wiki off the main thread (wiki-files.ts `scanInBackground`) and posts the result once. */
const { root } = workerData as { root: string };
try {
  const packed = packScan(scanTree(root));
  parentPort!.postMessage({ ok: true, packed }, [packed.numbers.buffer as ArrayBuffer]);
} catch (error) {
  parentPort!.postMessage({ ok: false, message: (error as Error).message });
}
