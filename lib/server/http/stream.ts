import type { Request, Response } from 'express';
import type { Progress } from '../../core/progress.js';
import { MemoryError } from '../../core/errors.js';
import { HTTP_STATUS } from './errors.js';

export const NDJSON = 'application/x-ndjson';

/**
 * Runs long work for a client that may want progress. With `Accept: application/x-ndjson` the
 * response is a stream of `{"progress":{done,total}}` lines and a final `{"result":...}` or
 * `{"error":...}` line; otherwise a plain JSON response when the work is done.
 */
export async function respondWithProgress<T>(req: Request, res: Response, work: (progress: Progress) => Promise<T>): Promise<void> {
  if (req.get('accept')?.includes(NDJSON) !== true) {
    res.json(await work(() => {}));
    return;
  }
  res.status(200).type(NDJSON);
  res.flushHeaders();
  let last = 0;
  const progress: Progress = (done, total) => {
    const now = Date.now();
    if (done !== total && now - last < 100) return;
    last = now;
    res.write(`${JSON.stringify({ progress: { done, total } })}\n`);
  };
  try {
    const result = await work(progress);
    res.end(`${JSON.stringify({ result })}\n`);
  } catch (error) {
    const memoryError = error instanceof MemoryError ? error : new MemoryError('INTERNAL', 'internal error');
    res.end(`${JSON.stringify({ ...memoryError.toJSON(), status: HTTP_STATUS[memoryError.code] })}\n`);
  }
}
