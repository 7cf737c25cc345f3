import { posix } from 'node:path';
import { list, type ReadEntry } from 'tar';
import { MemoryError } from '../core/errors.js';

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

/**
 * Reads a backup to its end without writing anything: the gzip stream must be whole (a
 * truncated or corrupted file fails its length and CRC check only at the very end), every
 * entry must stay inside the data dir, and the wiki repository must be there. Restore runs
 * this first because an unpack that fails halfway would otherwise have written half a wiki.
 */
export async function verifyBackupArchive(file: string): Promise<void> {
  let unsafe: string | undefined;
  let hasWiki = false;
  await list({
    file,
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      if (unsafe === undefined && escapes(entry)) unsafe = entry.path;
      if (posix.normalize(entry.path) === 'wiki/.git/HEAD' && FILE_TYPES.has(entry.type)) hasWiki = true;
    },
  });
  if (unsafe !== undefined) throw new MemoryError('INVALID_INPUT', `${file} has an entry outside the data dir (${unsafe}); it was not written by ai-memory backup, nothing was restored`);
  if (!hasWiki) throw new MemoryError('INVALID_INPUT', `${file} holds no wiki repository; is it an ai-memory backup?`);
}

/** An absolute path, a `..` step or a hard link to such a path could reach outside the target. */
function escapes(entry: ReadEntry): boolean {
  const paths = entry.type === 'Link' ? [entry.path, entry.linkpath ?? ''] : [entry.path];
  return paths.some((path) => {
    const p = path.replace(/\\/g, '/');
    return p.startsWith('/') || /^[a-zA-Z]:/.test(p) || p.includes('\0') || p.split('/').includes('..');
  });
}
