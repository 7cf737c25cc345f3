import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryError } from '../core/errors.js';
import { rm } from 'node:fs/promises';
import { createIndexSync } from './git-index-sync.js';
import { gitIndexIntact } from './git-index-file.js';
import { writeFileAtomic } from './atomic-write.js';
import { trackedUnder } from './git-tracked.js';
import type { SyncHooks, SyncOutcome } from './git-sync.js';
import { isoGit } from './iso-git.js';
import { clearGitTemp, crashSafeGitFs } from './git-fs.js';
import { blobsOnDisk, commitTreeChanges, type GitAuthor, type TreeChanges } from './git-tree-commit.js';
import { idleDroppingCache } from './git-cache.js';
import { createGitObjects } from './git-objects.js';

const FULL_OID = /^[0-9a-f]{40}$/i;

export type { GitAuthor } from './git-tree-commit.js';

export interface CommitInfo {
  oid: string;
  /** Seconds since the epoch (committer time). */
  time: number;
  message: string;
  author: string;
  parents: string[];
  /** Wiki-relative paths this commit changed against its first parent. */
  paths: string[];
}

export interface GitRepo {
  readonly dir: string;
  /** Creates the repository with a first commit when it does not exist yet. */
  init(): Promise<void>;
  head(): Promise<string | null>;
  /**
   * Stages the given paths as they are on disk (missing files are removed from the index) and
   * commits them. Returns null, with no commit, when nothing differs from HEAD.
   */
  commit(paths: string[], message: string | ((changed: string[]) => string), author?: GitAuthor | undefined): Promise<string | null>;
  /** Commits reachable from `ref`, newest first, each with the paths it changed. */
  commitsSince(ref: string, stopAt: (oid: string) => boolean): Promise<CommitInfo[]>;
  readAt(rev: string, path: string): Promise<string | null>;
  /** Brings the git index (`git status`) up to date with the commits made so far. */
  flushIndex(): Promise<void>;
  /** Flushes the git index and stops its timers (a later re-check could write into .git after the data dir is gone). */
  close(): Promise<void>;
  /** Markdown files whose working copy differs from HEAD (slow: ~1 s at 10k files). */
  uncommittedMarkdown(): Promise<string[]>;
  resolveRev(rev: string): Promise<string>;
  /**
   * Pull, merge and push with a remote (see git-sync.ts); remembers the URL. Only the merge runs
   * in `inWriter`; one sync runs at a time (a timer's and a user's never interleave).
   */
  sync(url: string | undefined, author: GitAuthor, inWriter: SyncHooks['inWriter']): Promise<SyncOutcome>;
  /** Files committed at HEAD under a wiki folder. */
  trackedUnder(prefix: string): Promise<string[]>;
}

export const SYSTEM_AUTHOR: GitAuthor = { name: 'ai-memory', email: 'ai-memory@localhost' };

const WIKI_GITIGNORE = `# Written by ai-memory. Obsidian's per-device layout and trash are not memory.
.obsidian/workspace*.json
.trash/
.ai-memory-tmp.*
`;

export interface GitRepoOptions {
  /** Runs index maintenance in the store's write queue, never beside a commit. */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Quiet period before committed paths are staged in the git index. */
  indexSyncDelayMs?: number;
  /** How long after staging the staged paths are checked against a concurrent git command's index write. */
  indexVerifyDelayMs?: number;
}

const GIT_CACHE_IDLE_MS = 60_000;

export function createGitRepo(dir: string, options: GitRepoOptions = {}): GitRepo {
  // One cache object shared by every call lets isomorphic-git reuse the parsed git index
  // instead of re-reading it per commit; it goes after a quiet minute, because what reads a
  // packed object through isomorphic-git (sync, status) leaves the whole packfile in it.
  // `{ ...base }` reads the getter at each call. Commits, history and versions read existing
  // objects through `objects`, which never holds a pack (git-objects.ts).
  const gitCache = idleDroppingCache(GIT_CACHE_IDLE_MS);
  const base = {
    fs: crashSafeGitFs(dir),
    dir,
    get cache() {
      return gitCache.current;
    },
    objects: createGitObjects(join(dir, '.git')),
  };
  const exclusive = options.exclusive ?? (<T>(work: () => Promise<T>) => work());
  // The sync running now: the next one starts after it, so two never fetch and push at once.
  let syncing: Promise<unknown> = Promise.resolve();
  const indexSync = createIndexSync(base, { exclusive, delayMs: options.indexSyncDelayMs, verifyDelayMs: options.indexVerifyDelayMs });

  async function healIndex(): Promise<void> {
    // isomorphic-git writes .git/index in place; a kill -9 mid-write leaves it empty or torn.
    // The index is derived from HEAD and the files, so a broken one is dropped and rebuilt.
    const indexFile = join(dir, '.git', 'index');
    const broken = !(await gitIndexIntact(indexFile));
    if (broken) await rm(indexFile, { force: true });
    await indexSync.heal(broken);
  }

  /**
   * HEAD read straight from `.git/HEAD` and the ref it names (loose, else packed): every page
   * view asks whether the history moved, and resolveRef sets up a file system wrapper and
   * looks for the git dir on each call. The files are a few bytes, read synchronously.
   * Anything unusual (a .git file, a detached or odd HEAD, a ref caught mid-write) falls
   * back to resolveRef.
   */
  function quickHead(): string | null {
    try {
      const gitDir = join(dir, '.git');
      const ref = /^ref: (refs\/heads\/\S+)\s*$/.exec(fs.readFileSync(join(gitDir, 'HEAD'), 'utf8'))?.[1];
      if (!ref) return null;
      let oid: string | undefined;
      try {
        oid = fs.readFileSync(join(gitDir, ref), 'utf8').trim();
      } catch {
        const packed = fs.readFileSync(join(gitDir, 'packed-refs'), 'utf8');
        oid = packed.split('\n').find((line) => line.endsWith(` ${ref}`))?.slice(0, 40);
      }
      return oid && FULL_OID.test(oid) ? oid.toLowerCase() : null;
    } catch {
      return null;
    }
  }

  async function head(): Promise<string | null> {
    const quick = quickHead();
    if (quick) return quick;
    try {
      return await (await isoGit()).resolveRef({ ...base, ref: 'HEAD' });
    } catch {
      return null;
    }
  }

  return {
    dir,
    async init() {
      const exists = fs.existsSync(join(dir, '.git'));
      if (exists) {
        await clearGitTemp(dir);
        if (await head()) {
          await healIndex();
          return;
        }
      }
      // An existing repository (every start but the first) needs no isomorphic-git to open.
      const git = await isoGit();
      if (!exists) await git.init({ ...base, defaultBranch: 'main' });
      await writeFileAtomic(join(dir, '.gitignore'), WIKI_GITIGNORE);
      await git.add({ ...base, filepath: '.gitignore' });
      await git.commit({ ...base, message: 'Initialize the ai-memory wiki', author: SYSTEM_AUTHOR });
    },
    head,
    async commit(paths, message, author) {
      author ??= SYSTEM_AUTHOR;
      const headEntries = headEntryReader(await head());
      const changes: TreeChanges = new Map();
      for (const [path, oid] of await blobsOnDisk(base, paths)) {
        if (oid !== (await headEntries(path))) changes.set(path, oid);
      }
      if (changes.size === 0) return null;
      const changed = [...changes.keys()].sort();
      try {
        const text = typeof message === 'function' ? message(changed) : message;
        const oid = await commitTreeChanges(base, changes, text, author);
        indexSync.schedule(changed);
        return oid;
      } catch (error) {
        throw new MemoryError('GIT_FAILED', `git commit failed: ${(error as Error).message}`);
      }
    },
    flushIndex: () => indexSync.flush(),
    async close() {
      await indexSync.flush();
      indexSync.close();
    },
    async commitsSince(ref, stopAt) {
      const out: CommitInfo[] = [];
      const queue = [ref];
      const seen = new Set<string>();
      while (queue.length > 0) {
        const oid = queue.shift()!;
        if (seen.has(oid) || stopAt(oid)) continue;
        seen.add(oid);
        const commit = await base.objects.readCommit(oid);
        const parent = commit.parent[0];
        out.push({
          oid,
          time: commit.committer.timestamp,
          message: commit.message.trim(),
          author: commit.author.name,
          parents: commit.parent,
          paths: await changedPaths(oid, parent),
        });
        queue.push(...commit.parent);
      }
      return out.sort((a, b) => b.time - a.time);
    },
    async readAt(rev, path) {
      // A full id needs no expanding, and expanding scans every object id in the packs and
      // the loose-object folder: most of a history panel's cost at 10k pages. A full id that
      // is no commit fails in readBlob, which answers null as before.
      const oid = FULL_OID.test(rev) ? rev.toLowerCase() : await this.resolveRev(rev);
      try {
        return (await base.objects.readBlobAt(oid, path))?.toString('utf8') ?? null;
      } catch {
        return null;
      }
    },
    async uncommittedMarkdown() {
      const rows = await (await isoGit()).statusMatrix({ ...base, filter: (path) => path.endsWith('.md') });
      return rows.filter(([, headState, workdirState]) => !(headState === 1 && workdirState === 1)).map(([path]) => path);
    },
    trackedUnder: async (prefix) => trackedUnder(base.objects, await head(), prefix),
    sync(url, author, inWriter) {
      // Sync (merge, HTTP transport) loads with the first sync: most servers never sync.
      const run = syncing.then(async () => (await import('./git-sync.js')).syncWithRemote(base, url, { author, beforeDiskChange: indexSync.schedule, inWriter }));
      syncing = run.catch(() => undefined);
      return run;
    },
    async resolveRev(rev) {
      if (!/^[0-9a-f]{4,40}$/i.test(rev)) {
        throw new MemoryError('INVALID_INPUT', `revision ${JSON.stringify(rev)} is not a commit id`);
      }
      try {
        return await (await isoGit()).expandOid({ ...base, oid: rev.toLowerCase() });
      } catch {
        throw new MemoryError('NOT_FOUND', `no commit ${rev} in the wiki repository`, { rev });
      }
    },
  };

  /** Looks up blob ids in one commit's tree, reading each folder's tree once. */
  function headEntryReader(commitOid: string | null): (path: string) => Promise<string | null> {
    const folders = new Map<string, Promise<Map<string, string>>>();
    return async (path) => {
      if (!commitOid) return null;
      const slash = path.lastIndexOf('/');
      const folder = slash === -1 ? '' : path.slice(0, slash);
      let entries = folders.get(folder);
      if (!entries) {
        entries = base.objects
          .readTreeAt(commitOid, folder)
          .then((tree) => new Map((tree ?? []).filter((e) => e.type === 'blob').map((e) => [e.path, e.oid])))
          // Unreadable counts as absent: the path is then committed, never skipped.
          .catch(() => new Map<string, string>());
        folders.set(folder, entries);
      }
      return (await entries).get(path.slice(slash + 1)) ?? null;
    };
  }

  /** Paths that differ between a commit's tree and its parent's, descending only into changed trees. */
  async function changedPaths(oid: string, parent: string | undefined): Promise<string[]> {
    const paths: string[] = [];
    const walkTree = async (a: string | null, b: string | null, prefix: string): Promise<void> => {
      const entriesA = a ? await base.objects.readTree(a) : [];
      const entriesB = b ? await base.objects.readTree(b) : [];
      const mapA = new Map(entriesA.map((e) => [e.path, e]));
      const mapB = new Map(entriesB.map((e) => [e.path, e]));
      for (const name of new Set([...mapA.keys(), ...mapB.keys()])) {
        const ea = mapA.get(name);
        const eb = mapB.get(name);
        if (ea?.oid === eb?.oid) continue;
        const full = prefix ? `${prefix}/${name}` : name;
        const treeA = ea?.type === 'tree' ? ea.oid : null;
        const treeB = eb?.type === 'tree' ? eb.oid : null;
        if (treeA || treeB) await walkTree(treeA, treeB, full);
        if ((ea && ea.type !== 'tree') || (eb && eb.type !== 'tree')) paths.push(full);
      }
    };
    const commit = await base.objects.readCommit(oid);
    const parentTree = parent ? (await base.objects.readCommit(parent)).tree : null;
    await walkTree(commit.tree, parentTree, '');
    return paths;
  }
}
