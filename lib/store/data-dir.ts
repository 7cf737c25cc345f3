import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MemoryError } from '../core/errors.js';
import { holdsLock } from './lock-owner.js';
import { readLock, replaceStaleLock, writeBeside } from './lock-takeover.js';

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
 * a free lock appears with its pid already in it (hard link), and a dead owner's lock is
 * replaced in one rename by the one taker that holds the takeover claim (lock-takeover.ts), so
 * the lock is never missing while it changes hands and a fresh lock is never removed.
 */
export async function acquireLock(layout: DataDir): Promise<() => Promise<void>> {
  const lockPath = join(layout.root, 'server.pid');
  const mine = String(process.pid);
  const release = async () => {
    // Only our own lock: never one a later server took over.
    if ((await readFile(lockPath, 'utf8').catch(() => '')).trim() === mine) await rm(lockPath, { force: true });
  };
  for (let attempt = 0; attempt < 40; attempt += 1) {
    if (await createWithContent(lockPath, mine)) return release;
    const found = await readLock(lockPath);
    if (found === null) continue; // released meanwhile: try again
    // Being written by a server of an older version (empty for an instant): look again.
    if (found.pid === null) {
      await pause(20);
      continue;
    }
    // Our own pid in a lock we have not taken yet was left by an earlier process (pid 1 in a
    // restarted container): stale.
    if (found.pid !== process.pid && holdsLock(found.pid, found.mtimeMs)) throw held(layout, found.pid);
    if (await replaceStaleLock(lockPath, found, mine)) return release;
    // Another taker held the claim: back off a random while, then judge the lock again.
    await pause(10 + Math.random() * 40 * Math.min(attempt + 1, 5));
  }
  throw new MemoryError('CONFLICT', `could not take the lock on ${layout.root}; is another ai-memory starting? Try again`);
}

/** Creates `path` holding `content`, or returns false when it exists. Never visible half-written. */
async function createWithContent(path: string, content: string): Promise<boolean> {
  const temp = await writeBeside(path, content);
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

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function held(layout: DataDir, owner: number): MemoryError {
  return new MemoryError('CONFLICT', `another ai-memory server (pid ${owner}) is using ${layout.root}; stop it first or pass a different --data-dir`, { pid: owner });
}

