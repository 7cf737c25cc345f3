import git from 'isomorphic-git';
import { classifyWikiPath } from '../core/paths.js';
import { compareManifests } from '../core/project-manifest.js';
import { writeCommitObject, type Base, type GitAuthor, type TreeChanges } from './git-tree-commit.js';

export interface SyncConflict {
  /** The page as this machine had it; it keeps this side's text. */
  path: string;
  /** The other side's text, saved beside it. */
  copy: string;
}

export interface MergeResult {
  commit: string;
  /** Wiki-relative paths whose content differs from ours. */
  changed: string[];
  conflicts: SyncConflict[];
}

/**
 * The per-file three-way merge of `theirs` into `ours`. A file changed on one side takes that
 * side, and an edit beats a delete. Changed on both: a project manifest resolves to the same
 * version on every machine (see compareManifests), any other file keeps our text and saves
 * theirs as a conflict copy.
 */
export async function mergeCommit(base: Base, ours: string, theirs: string, author: GitAuthor): Promise<MergeResult> {
  const [mergeBase] = await git.findMergeBase({ ...base, oids: [ours, theirs] });
  const [b, o, t] = await Promise.all([blobsOf(base, mergeBase ?? null), blobsOf(base, ours), blobsOf(base, theirs)]);
  const changes: TreeChanges = new Map();
  const conflicts: SyncConflict[] = [];
  for (const path of [...new Set([...b.keys(), ...o.keys(), ...t.keys()])].sort()) {
    const [was, mine, other] = [b.get(path) ?? null, o.get(path) ?? null, t.get(path) ?? null];
    if (mine === other || other === was) continue;
    if (mine === was || mine === null) changes.set(path, other); // theirs changed, or we deleted what they edited
    else if (other === null) continue; // we edited what they deleted
    else if (classifyWikiPath(path)?.type === 'manifest') {
      const [mineText, otherText] = await Promise.all([readText(base, mine), readText(base, other)]);
      if (compareManifests(otherText, mineText) < 0) changes.set(path, other);
    } else {
      const copy = conflictCopyPath(path, theirs.slice(0, 7));
      changes.set(copy, other);
      conflicts.push({ path, copy });
    }
  }
  const message = `Sync: merge ${theirs.slice(0, 7)} from the remote${conflicts.length ? ` (${conflicts.length} conflict ${conflicts.length === 1 ? 'copy' : 'copies'})` : ''}`;
  const commit = await writeCommitObject(base, ours, [ours, theirs], changes, message, author);
  return { commit, changed: [...changes.keys()].sort(), conflicts };
}

export function conflictCopyPath(path: string, tag: string): string {
  const dot = path.lastIndexOf('.');
  const slash = path.lastIndexOf('/');
  return dot > slash + 1 ? `${path.slice(0, dot)}.conflict-${tag}${path.slice(dot)}` : `${path}.conflict-${tag}`;
}

/** Every file of a commit's tree: path -> blob id. */
export async function blobsOf(base: Base, commit: string | null): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!commit) return out;
  const walk = async (oid: string, prefix: string): Promise<void> => {
    for (const entry of (await git.readTree({ ...base, oid })).tree) {
      const path = prefix ? `${prefix}/${entry.path}` : entry.path;
      if (entry.type === 'tree') await walk(entry.oid, path);
      else if (entry.type === 'blob') out.set(path, entry.oid);
    }
  };
  await walk((await git.readCommit({ ...base, oid: commit })).commit.tree, '');
  return out;
}

async function readText(base: Base, oid: string): Promise<string> {
  const { blob } = await git.readBlob({ ...base, oid });
  return Buffer.from(blob).toString('utf8');
}
