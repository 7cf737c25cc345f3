import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MemoryError } from '../core/errors.js';

/** The on-disk layout of one data directory (SPEC section 2). */
export interface DataDir {
  root: string;
  wiki: string;
  raw: string;
  index: string;
  logs: string;
  configFile: string;
}

export function dataDirLayout(root: string): DataDir {
  return {
    root,
    wiki: join(root, 'wiki'),
    raw: join(root, 'raw'),
    index: join(root, 'index'),
    logs: join(root, 'logs'),
    configFile: join(root, 'config.toml'),
  };
}

export async function ensureDataDir(layout: DataDir): Promise<void> {
  // Raw prompts and tool output are inside: a new data dir is for its owner only (0700). One
  // that exists keeps the mode its owner gave it.
  await mkdir(dirname(layout.root), { recursive: true });
  await mkdir(layout.root, { recursive: true, mode: 0o700 });
  for (const dir of [layout.wiki, layout.raw, layout.index, layout.logs]) {
    await mkdir(dir, { recursive: true });
  }
}

export async function readConfigFile(layout: DataDir): Promise<string | undefined> {
  try {
    return await readFile(layout.configFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * One server process owns a data directory. The lock file holds the owner's pid; a lock left
 * by a dead process (after kill -9) is taken over, a live one is refused with a clear message.
 */
export async function acquireLock(layout: DataDir): Promise<() => Promise<void>> {
  const lockPath = join(layout.root, 'server.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new MemoryError(
          'CONFLICT',
          `another ai-memory server (pid ${owner}) is using ${layout.root}; stop it first or pass a different --data-dir`,
          { pid: owner },
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new MemoryError('CONFLICT', `could not take the lock on ${layout.root}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
