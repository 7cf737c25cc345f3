import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MemoryError } from '../core/errors.js';
import { holdsLock } from './lock-owner.js';

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
 * Two servers starting at once (two agents each launching a stdio server) must not both win:
 * the lock appears with its pid already in it, and a stale one is moved aside before it is
 * judged, so a fresh lock another process just took is never deleted.
 */
export async function acquireLock(layout: DataDir): Promise<() => Promise<void>> {
  const lockPath = join(layout.root, 'server.pid');
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await createWithContent(lockPath, mine)) {
      return async () => {
        // Only our own lock: never one a later server took over.
        if ((await readFile(lockPath, 'utf8').catch(() => '')).trim() === mine) await rm(lockPath, { force: true });
      };
    }
    const owner = await readOwner(lockPath);
    if (owner !== null && owner !== process.pid && (await isHeld(lockPath, owner))) throw held(layout, owner);
    if (owner === null) {
      // Being written by a server of an older version (empty for an instant): look again.
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    await moveAsideIfStale(lockPath, layout);
  }
  throw new MemoryError('CONFLICT', `could not take the lock on ${layout.root}; is another ai-memory starting? Try again`);
}

/** Creates `path` holding `content`, or returns false when it exists. Never visible half-written. */
async function createWithContent(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temp, content, { flag: 'wx' });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    // A file system without hard links: create-exclusive, then write (a short empty window).
    try {
      await writeFile(path, content, { flag: 'wx' });
      return true;
    } catch (fallback) {
      if ((fallback as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallback;
    }
  } finally {
    await rm(temp, { force: true });
  }
}

async function readOwner(path: string): Promise<number | null> {
  const text = (await readFile(path, 'utf8').catch(() => '')).trim();
  const pid = Number(text);
  return text !== '' && Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Renames the lock to a name of our own, then judges what was renamed: a dead owner's lock is
 * removed; a live one (another server took the lock meanwhile) is put back and refused.
 */
async function moveAsideIfStale(lockPath: string, layout: DataDir): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else moved it: retry
    throw error;
  }
  const owner = await readOwner(aside);
  if (owner !== null && owner !== process.pid && (await isHeld(aside, owner))) {
    await link(aside, lockPath).catch(() => undefined);
    await rm(aside, { force: true });
    throw held(layout, owner);
  }
  await rm(aside, { force: true });
}

function held(layout: DataDir, owner: number): MemoryError {
  return new MemoryError('CONFLICT', `another ai-memory server (pid ${owner}) is using ${layout.root}; stop it first or pass a different --data-dir`, { pid: owner });
}

/** The owner is alive, not a zombie, and started before it wrote the lock (lock-owner.ts). */
async function isHeld(lockPath: string, owner: number): Promise<boolean> {
  const written = await stat(lockPath).then((s) => s.mtimeMs, () => Date.now());
  return holdsLock(owner, written);
}
