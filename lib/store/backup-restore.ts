import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { extract } from 'tar';
import { MemoryError } from '../core/errors.js';
import { verifyBackupArchive } from './backup-verify.js';

/**
 * Where a restore unpacks before anything takes its final name. It lives inside the data dir
 * because that dir may be a mount point (a Docker volume root) that cannot be renamed; a
 * restore that was killed leaves only this folder, which the next restore clears.
 */
const STAGING = '.ai-memory-restore.partial';

/**
 * Unpacks a backup into an empty (or missing) data dir. The archive is read in full before
 * anything is written, so a truncated or foreign file leaves the target as it was; a failure
 * while unpacking (disk full) leaves it empty, never half a wiki a server would start on.
 */
export async function restoreBackupArchive(file: string, dataDir: string): Promise<{ entries: number }> {
  await checkBackupFile(file);
  await checkTarget(dataDir);
  try {
    await verifyBackupArchive(file);
  } catch (error) {
    if (error instanceof MemoryError) throw error;
    throw new MemoryError('INVALID_INPUT', `${file} is not a readable ai-memory backup: ${(error as Error).message}; nothing was restored (take a new backup, or copy the file again)`);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const staging = join(dataDir, STAGING);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { mode: 0o700 });
  const entries = await unpack(file, staging, dataDir);
  try {
    for (const name of await readdir(staging)) await rename(join(staging, name), join(dataDir, name));
    await rmdir(staging);
  } catch (error) {
    await emptyDir(dataDir);
    throw new MemoryError('INTERNAL', `could not move the restored files into ${dataDir}: ${(error as Error).message}; nothing was restored`);
  }
  return { entries };
}

async function checkBackupFile(file: string): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new MemoryError('NOT_FOUND', `no backup file ${file}`);
  if (info.isDirectory()) throw new MemoryError('INVALID_INPUT', `${file} is a folder; --from takes a backup file (.tar.gz) written by ai-memory backup`);
}

async function checkTarget(dataDir: string): Promise<void> {
  const notAFolder = new MemoryError('INVALID_INPUT', `${dataDir} is not a folder; the data dir must be a folder, empty or not yet created (pass --data-dir with one)`);
  const info = await stat(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    // ENOTDIR: a file stands where a parent folder should be.
    if (error.code === 'ENOTDIR') throw notAFolder;
    throw error;
  });
  if (!info) return;
  if (!info.isDirectory()) throw notAFolder;
  const names = (await readdir(dataDir)).filter((name) => name !== STAGING);
  if (names.length > 0) {
    throw new MemoryError('CONFLICT', `${dataDir} is not empty; restore needs an empty data dir (pass --data-dir with a new folder)`);
  }
}

/**
 * Extracts synchronously on purpose: tar's async extract rejects on the first error while its
 * queued writes still land afterwards, so a cleanup could run before them. When the sync call
 * returns or throws, every write has happened and removing the staging folder is final.
 */
async function unpack(file: string, staging: string, dataDir: string): Promise<number> {
  let entries = 0;
  try {
    extract({ file, cwd: staging, strict: true, sync: true, onReadEntry: () => void (entries += 1) });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    // A file-system error (ENOSPC, EACCES) is about the target; anything else, the archive changed since it was checked.
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new MemoryError('INTERNAL', `could not unpack into ${dataDir}: ${(error as Error).message}; nothing was restored (free space or fix permissions, then run restore again)`);
    }
    throw new MemoryError('INVALID_INPUT', `${file} is not a readable ai-memory backup: ${(error as Error).message}; nothing was restored`);
  }
  if (!existsSync(join(staging, 'wiki', '.git', 'HEAD'))) {
    await rm(staging, { recursive: true, force: true });
    throw new MemoryError('INVALID_INPUT', `${file} holds no wiki repository; is it an ai-memory backup?`);
  }
  return entries;
}

async function emptyDir(dir: string): Promise<void> {
  for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
}
