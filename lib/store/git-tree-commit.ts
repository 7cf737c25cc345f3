import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TreeEntry } from 'isomorphic-git';
import { isoGit } from './iso-git.js';
import { writeFileAtomic } from './atomic-write.js';
import type { GitObjects } from './git-objects.js';

export interface GitAuthor {
  name: string;
  email: string;
}

/** What every git call gets: isomorphic-git's arguments, and the reader of existing objects. */
export type Base = { fs: typeof fs; dir: string; cache: object; objects: GitObjects };

/** New blob id per changed path; null removes the path. */
export type TreeChanges = Map<string, string | null>;

/**
 * Commits by rewriting only the trees along the changed paths, instead of isomorphic-git's
 * `commit`, which rebuilds every tree from the whole index (~80 ms per commit at 10k files).
 * The branch ref is replaced atomically (temp file + rename), so a kill -9 can never leave an
 * empty ref behind. The git index is not touched here; see GitRepo's deferred index sync.
 */
export async function commitTreeChanges(
  base: Base,
  changes: TreeChanges,
  message: string,
  author: GitAuthor,
): Promise<string> {
  const head = await resolveHead(base);
  const commit = await writeCommitObject(base, head, head ? [head] : [], changes, message, author);
  await moveBranch(base, commit);
  return commit;
}

/**
 * Writes a commit whose tree is `from`'s tree with `changes` applied, without moving any ref
 * (sync writes the files first and moves the branch last, so a crash never reverts a merge).
 */
export async function writeCommitObject(
  base: Base,
  from: string | null,
  parents: string[],
  changes: TreeChanges,
  message: string,
  author: GitAuthor,
): Promise<string> {
  const git = await isoGit();
  const parentTree = from ? (await base.objects.readCommit(from)).tree : null;
  const tree = await rewriteTree(base, parentTree, groupByFolder(changes));
  const now = Math.floor(Date.now() / 1000);
  const person = { ...author, timestamp: now, timezoneOffset: new Date().getTimezoneOffset() };
  return git.writeCommit({
    ...base,
    commit: { message: message.endsWith('\n') ? message : `${message}\n`, tree, parent: parents, author: person, committer: person },
  });
}

/** Points the checked-out branch at a commit, atomically (temp file + rename). */
export async function moveBranch(base: Base, commit: string): Promise<void> {
  await writeFileAtomic(join(base.dir, '.git', await branchRef(base)), `${commit}\n`);
}

/** Blob ids, per path, of the files as they are on disk (null for a missing file); writes the blobs. */
export async function blobsOnDisk(base: Base, paths: string[]): Promise<Map<string, string | null>> {
  const git = await isoGit();
  const out = new Map<string, string | null>();
  for (const path of paths) {
    let content: Buffer | null = null;
    try {
      content = await readFile(join(base.dir, path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    out.set(path, content === null ? null : await git.writeBlob({ ...base, blob: content }));
  }
  return out;
}

async function resolveHead(base: Base): Promise<string | null> {
  try {
    return await (await isoGit()).resolveRef({ ...base, ref: 'HEAD' });
  } catch {
    return null;
  }
}

/** The ref HEAD points at (`refs/heads/main`); a detached HEAD is updated in place. */
async function branchRef(base: Base): Promise<string> {
  const head = (await readFile(join(base.dir, '.git', 'HEAD'), 'utf8')).trim();
  const match = /^ref:\s*(\S+)$/.exec(head);
  return match ? match[1]! : 'HEAD';
}

interface FolderChanges {
  files: Map<string, string | null>;
  folders: Map<string, FolderChanges>;
}

function groupByFolder(changes: TreeChanges): FolderChanges {
  const root: FolderChanges = { files: new Map(), folders: new Map() };
  for (const [path, oid] of changes) {
    const parts = path.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let next = node.folders.get(part);
      if (!next) node.folders.set(part, (next = { files: new Map(), folders: new Map() }));
      node = next;
    }
    node.files.set(parts[parts.length - 1]!, oid);
  }
  return root;
}

/** Returns the new tree id, or null when the folder ends up empty (git has no empty trees). */
async function rewriteTree(base: Base, treeOid: string | null, changes: FolderChanges): Promise<string> {
  const result = await rewriteFolder(base, treeOid, changes);
  return result ?? (await (await isoGit()).writeTree({ ...base, tree: [] }));
}

async function rewriteFolder(base: Base, treeOid: string | null, changes: FolderChanges): Promise<string | null> {
  const git = await isoGit();
  const entries = new Map<string, TreeEntry>();
  if (treeOid) for (const entry of await base.objects.readTree(treeOid)) entries.set(entry.path, entry);
  for (const [name, sub] of changes.folders) {
    const existing = entries.get(name);
    const child = await rewriteFolder(base, existing?.type === 'tree' ? existing.oid : null, sub);
    if (child) entries.set(name, { mode: '040000', path: name, oid: child, type: 'tree' });
    else entries.delete(name);
  }
  for (const [name, oid] of changes.files) {
    if (oid === null) entries.delete(name);
    else entries.set(name, { mode: entries.get(name)?.mode === '100755' ? '100755' : '100644', path: name, oid, type: 'blob' });
  }
  if (entries.size === 0) return null;
  return git.writeTree({ ...base, tree: [...entries.values()] });
}
