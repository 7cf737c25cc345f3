import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { holdsLock } from './lock-owner.js';

/** What a lock file held when it was read, and which file it was. */
export interface LockSeen {
  pid: number | null;
  dev: number;
  ino: number;
  mtimeMs: number;
}

/** The lock at `path` as one open file (content and identity agree), or null when there is none. */
export async function readLock(path: string): Promise<LockSeen | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const [info, text] = await Promise.all([handle.stat(), handle.readFile('utf8')]);
    const trimmed = text.trim();
    const pid = Number(trimmed);
    return {
      pid: trimmed !== '' && Number.isInteger(pid) && pid > 0 ? pid : null,
      dev: info.dev,
      ino: info.ino,
      mtimeMs: info.mtimeMs,
    };
  } finally {
    await handle.close();
  }
}

/**
 * Replaces a dead owner's lock with ours, or returns false when another taker got there first.
 *
 * Removing a stale lock and then creating one leaves a moment with no lock, and a slower taker
 * that judged the same stale lock could remove the fresh one in that moment: two owners. So
 * the stale lock is never removed. Each taker files a claim named with its pid; one that sees
 * another live claim backs off. Two takers cannot both miss each other's claims (each files its
 * own before it looks), so at most one goes on. That one checks the lock is still the very file
 * it judged, then renames its own lock over it in one step: the lock is never missing, and a
 * claim left by a taker that died is ignored by the next.
 */
export async function replaceStaleLock(lockPath: string, judged: LockSeen, mine: string): Promise<boolean> {
  const dir = dirname(lockPath);
  const prefix = `${basename(lockPath)}.claim-`;
  const claim = `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(join(dir, claim), '', { flag: 'wx' });
  try {
    if (await anotherLiveClaim(dir, prefix, claim)) return false;
    const now = await readLock(lockPath);
    if (now === null || !sameLock(now, judged)) return false;
    const temp = await writeBeside(lockPath, mine);
    try {
      await rename(temp, lockPath);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return true;
  } finally {
    await rm(join(dir, claim), { force: true });
  }
}

/** Writes `content` to a new file of this process's own beside `path`, to be linked or renamed into place; returns its path. */
export async function writeBeside(path: string, content: string): Promise<string> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temp, content, { flag: 'wx' });
  return temp;
}

/** Whether a claim other than ours belongs to a live process; dead takers' claims are removed. */
async function anotherLiveClaim(dir: string, prefix: string, ours: string): Promise<boolean> {
  for (const name of await readdir(dir)) {
    if (!name.startsWith(prefix) || name === ours) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    const filed = await stat(join(dir, name)).then((info) => info.mtimeMs, () => null);
    if (filed === null) continue; // finished meanwhile
    // A claim with our own pid that is not ours was left by an earlier process with that pid.
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && holdsLock(pid, filed)) return true;
    await rm(join(dir, name), { force: true });
  }
  return false;
}

function sameLock(a: LockSeen, b: LockSeen): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.pid === b.pid;
}
