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
  // No index at all is what a fresh clone before its checkout or `rm .git/index` leaves: git
  // and isomorphic-git both read it as empty.
  const buffer = await readGitIndexFile(file);
  if (buffer === null) return true;
  return gitIndexVersion(buffer) !== null && gitIndexChecksumMatches(buffer);
}

/** Whether the SHA-1 trailer of index bytes is the hash of everything before it. */
export function gitIndexChecksumMatches(buffer: Buffer): boolean {
  if (buffer.length < 20) return false;
  const trailer = buffer.subarray(buffer.length - 20);
  return createHash('sha1').update(buffer.subarray(0, buffer.length - 20)).digest().equals(trailer);
}

/** The bytes of `.git/index`, or null when there is none. */
export async function readGitIndexFile(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The index format version when the bytes start as an index of version 2 or 3 (the ones read here) with room for a trailer, else null. */
export function gitIndexVersion(buffer: Buffer): 2 | 3 | null {
  const headerAndTrailer = 12 + 20;
  if (buffer.length < headerAndTrailer || buffer.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = buffer.readUInt32BE(4);
  return version === 2 || version === 3 ? version : null;
}
