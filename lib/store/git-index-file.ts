import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * Whether `.git/index` is whole, as isomorphic-git will check it when it reads it: the `DIRC`
 * signature, a version it reads (2 or 3) and the SHA-1 trailer over the rest. A write cut short
 * by a kill -9 (empty, truncated, half-written) fails the trailer. Checked here instead of by
 * parsing the index with isomorphic-git at every start, which at 50k pages builds 50k entry
 * objects (~0.3 s and as much garbage) before the server may listen.
 */
export async function gitIndexIntact(file: string): Promise<boolean> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    // No index at all is what a fresh clone before its checkout or `rm .git/index` leaves: git
    // and isomorphic-git both read it as empty.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  const headerAndTrailer = 12 + 20;
  if (buffer.length < headerAndTrailer || buffer.toString('latin1', 0, 4) !== 'DIRC') return false;
  const version = buffer.readUInt32BE(4);
  if (version !== 2 && version !== 3) return false;
  const trailer = buffer.subarray(buffer.length - 20);
  return createHash('sha1').update(buffer.subarray(0, buffer.length - 20)).digest().equals(trailer);
}
