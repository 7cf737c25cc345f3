import { createReadStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { create, extract } from 'tar';
import { MemoryError } from '../core/errors.js';
import type { DataDir } from './data-dir.js';

/** What a backup holds: the authoritative data. `index/` is derived and rebuilt on restore. */
const ARCHIVED = ['wiki', 'raw', 'config.toml', 'auth', 'logs'];
const SKIPPED = /(^|\/)(\.ai-memory-tmp\.[^/]*|server\.pid)$/;

export interface BackupFile {
  size: number;
  stream(): Readable;
  dispose(): Promise<void>;
}

/** A backup in a private temp folder, to stream to a client and then remove. */
export async function backupToTempFile(layout: DataDir): Promise<BackupFile> {
  const dir = await mkdtemp(join(tmpdir(), 'ai-memory-backup-'));
  const file = join(dir, 'backup.tar.gz');
  try {
    await writeBackupArchive(layout, file);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    size: (await stat(file)).size,
    stream: () => createReadStream(file),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Writes a gzipped tar of the data dir to `file`. The caller keeps writers out meanwhile. */
export async function writeBackupArchive(layout: DataDir, file: string): Promise<void> {
  const entries = ARCHIVED.filter((name) => existsSync(join(layout.root, name)));
  await create({ gzip: true, file, cwd: layout.root, portable: true, filter: (path: string) => !SKIPPED.test(path) }, entries);
  await chmod(file, 0o600);
}

/**
 * Unpacks a backup into an empty (or missing) data dir. tar refuses absolute and `..` paths
 * itself; an archive without a wiki repository is rejected and what it unpacked removed.
 */
export async function restoreBackupArchive(file: string, dataDir: string): Promise<{ entries: number }> {
  if (!existsSync(file)) throw new MemoryError('NOT_FOUND', `no backup file ${file}`);
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new MemoryError('CONFLICT', `${dataDir} is not empty; restore needs an empty data dir (pass --data-dir with a new folder)`);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let entries = 0;
  try {
    await extract({ file, cwd: dataDir, strict: true, onReadEntry: () => void (entries += 1) });
  } catch (error) {
    await emptyDir(dataDir);
    throw new MemoryError('INVALID_INPUT', `${file} is not a readable ai-memory backup: ${(error as Error).message}`);
  }
  if (!existsSync(join(dataDir, 'wiki', '.git', 'HEAD'))) {
    await emptyDir(dataDir);
    throw new MemoryError('INVALID_INPUT', `${file} holds no wiki repository; is it an ai-memory backup?`);
  }
  return { entries };
}

async function emptyDir(dir: string): Promise<void> {
  for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
}
