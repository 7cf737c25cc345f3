import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * Runs a full garbage collection now, where one is worth its pause (tens of milliseconds per
 * 100 MB of live heap): when a rebuild has just dropped the old index and is about to decode the
 * new one. Left to itself, V8 grows the heap to hold both (it collects the old generation only
 * once the heap has grown by a factor) and gives the pages back to the system only slowly, so the
 * server would stay at the peak of two indexes; collected at the right moment, the new index
 * reuses the old one's pages. Without `--expose-gc` the function is fetched once through the V8
 * flag, which exposes `gc` to contexts created afterwards; if that fails, nothing happens.
 */
export function collectGarbageNow(): void {
  if (collect === undefined) collect = findCollector();
  collect?.();
}

function findCollector(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}
