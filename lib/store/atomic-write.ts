import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files carry this prefix so the watcher can ignore the server's own half-written files. */
export const TEMP_PREFIX = '.ai-memory-tmp.';

/**
 * Writes a file so that a reader (or a crash) sees either the old or the new content, never a
 * torn one: write a temp file in the same directory, fsync it, rename it over the target, then
 * fsync the directory so the rename itself survives a power loss.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array, mode = 0o644): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true, mode: mode === 0o600 ? 0o700 : 0o755 });
  const temp = join(dir, `${TEMP_PREFIX}${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}
