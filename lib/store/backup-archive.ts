import { createReadStream, existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { create } from 'tar';
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
