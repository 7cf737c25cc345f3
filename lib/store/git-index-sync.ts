import fs from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { FsClient } from 'isomorphic-git';
import { blobId, type GitObjects } from './git-objects.js';
import { stagedBlobIds, stageInGitIndex } from './git-index-stage.js';
import { isoGit } from './iso-git.js';

/** Longest a committed path waits to be staged while writes keep coming. */
const INDEX_SYNC_MAX_WAIT_MS = 5_000;
/** How long a `.git/index.lock` held by a git command is waited for before it counts as stale. */
const LOCK_WAIT_MS = 2_000;

export interface IndexSyncOptions {
  /** Runs index maintenance in the store's write queue, never beside a commit. */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  /** Quiet period before committed paths are staged in the git index. */
  delayMs?: number;
  /** How long after staging the paths are checked again (see `verify`). */
  verifyDelayMs?: number;
}

type GitBase = { fs: FsClient; dir: string; cache: object; objects: GitObjects };

/**
 * Keeps the git index (what `git status` compares against) in step with the commits, which
 * are built from trees and never touch it. Staging waits for a short quiet period and is done
 * in one write per burst; a marker file records that it is behind, so a crash is healed at
 * the next start.
 *
 * A git command running beside the server (`git status` from a shell, an editor's git plugin
 * polling every few seconds) reads `.git/index`, refreshes it and writes it back under
 * `index.lock`. When that write lands after ours, our staging is lost and `git status` shows
 * the committed pages as deleted and untracked. So staging waits while a git command holds
 * the lock, a failed staging keeps its paths, and the paths are checked again a moment later
 * and staged anew if they were lost.
 */
export function createIndexSync(base: GitBase, options: IndexSyncOptions) {
  const { dir } = base;
  const marker = join(dir, '.git', 'ai-memory-index-pending');
  const lockFile = join(dir, '.git', 'index.lock');
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let pendingSince = 0;
  let verifyTimer: NodeJS.Timeout | undefined;
  const toVerify = new Set<string>();

  function schedule(paths: string[], delay?: number): void {
    const first = pending.size === 0;
    for (const path of paths) pending.add(path);
    if (first) {
      pendingSince = Date.now();
      void writeFile(marker, '').catch(() => undefined);
    }
    clearTimeout(timer);
    // Sustained writes keep resetting the quiet period; past the longest wait the index is
    // staged anyway, so a backlog (and `git status` drift) cannot grow without bound.
    const quiet = options.delayMs ?? 300;
    timer = setTimeout(() => void options.exclusive(sync).catch(() => undefined), delay ?? (Date.now() - pendingSince >= INDEX_SYNC_MAX_WAIT_MS ? 0 : quiet));
    timer.unref();
  }

  async function sync(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    await lockReleased();
    const paths = [...pending];
    pending.clear();
    try {
      if (!(await stageInGitIndex(dir, paths))) {
        // An index the byte-level writer leaves alone (version 4, split): isomorphic-git,
        // one call per kind, as it reads and rewrites the whole index per call.
        const git = await isoGit();
        const present = paths.filter((path) => fs.existsSync(join(dir, path)));
        const gone = paths.filter((path) => !fs.existsSync(join(dir, path)));
        if (present.length > 0) await git.add({ ...base, filepath: present });
        if (gone.length > 0) await git.remove({ ...base, filepath: gone });
      }
    } catch (error) {
      schedule(paths, 1_000);
      throw error;
    }
    if (pending.size === 0) await rm(marker, { force: true });
    laterVerify(paths);
  }

  async function lockReleased(): Promise<void> {
    const until = Date.now() + LOCK_WAIT_MS;
    while (fs.existsSync(lockFile) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  function laterVerify(paths: string[]): void {
    for (const path of paths) toVerify.add(path);
    clearTimeout(verifyTimer);
    verifyTimer = setTimeout(() => void options.exclusive(verify).catch(() => undefined), options.verifyDelayMs ?? 1_500);
    verifyTimer.unref();
  }

  /** Stages again the paths whose staging another process's index write threw away. */
  async function verify(): Promise<void> {
    const paths = [...toVerify].filter((path) => !pending.has(path));
    toVerify.clear();
    if (paths.length === 0) return;
    const lost = await lostFromIndex(paths);
    if (lost.length > 0) schedule(lost, 0);
  }

  /** Tracked files whose staged entry differs from HEAD: what a crash left behind. */
  async function behindHead(): Promise<string[]> {
    const rows = await (await isoGit()).statusMatrix({ ...base });
    return rows.filter(([, headState, , stageState]) => headState === 1 && stageState !== 1).map(([path]) => path);
  }

  /**
   * Of paths we staged, those whose entry is gone or matches neither HEAD nor the file
   * (stage 3): what a stale index write leaves. An entry matching the file (stage 2) is what
   * staging would write again, so it never counts, and a loop cannot form.
   */
  async function lostFromIndex(paths: string[]): Promise<string[]> {
    // statusMatrix would give the same answer, but its walk of HEAD reads trees through
    // isomorphic-git, which loads a whole packfile (162 MB at 50k pages) to read one.
    const git = await isoGit();
    const head = await git.resolveRef({ ...base, ref: 'HEAD' }).catch(() => null);
    const staged = (await stagedBlobIds(dir, paths)) ?? (await stagedIds(git, paths));
    const lost: string[] = [];
    for (const path of paths) {
      const stage = staged.get(path);
      const inHead = head ? await base.objects.blobIdAt(head, path).catch(() => null) : null;
      if (!stage) {
        if (inHead) lost.push(path);
        continue;
      }
      if (stage === inHead) continue;
      const onDisk = await readFile(join(dir, path)).then(blobId, () => null);
      if (stage !== onDisk) lost.push(path);
    }
    return lost;
  }

  /** The blob id staged for each of `paths` that the git index holds. */
  async function stagedIds(git: Awaited<ReturnType<typeof isoGit>>, paths: string[]): Promise<Map<string, string>> {
    const wanted = new Set(paths);
    const found = new Map<string, string>();
    await git.walk({
      ...base,
      trees: [git.STAGE()],
      map: async (path, [entry]) => {
        if (path === '.') return true;
        if (wanted.has(path)) {
          const oid = await entry?.oid();
          if (oid) found.set(path, oid);
          return null;
        }
        // Only the folders on the way to a wanted path are walked.
        return paths.some((wantedPath) => wantedPath.startsWith(`${path}/`)) ? true : null;
      },
    });
    return found;
  }

  return {
    schedule: (paths: string[]) => schedule(paths),
    flush: () => options.exclusive(sync),
    /** After a crash with the index behind: stage every tracked file that differs from it. */
    async heal(indexBroken: boolean): Promise<void> {
      if (indexBroken) await writeFile(marker, '');
      if (!fs.existsSync(marker)) return;
      for (const path of await behindHead()) pending.add(path);
      await sync();
      await rm(marker, { force: true });
    },
    close(): void {
      clearTimeout(timer);
      clearTimeout(verifyTimer);
    },
  };
}
