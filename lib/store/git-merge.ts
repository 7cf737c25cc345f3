import git from 'isomorphic-git';
import { classifyWikiPath, MANIFEST_FILE } from '../core/paths.js';
import { compareManifests } from '../core/project-manifest.js';
import { writeCommitObject, type Base, type GitAuthor, type TreeChanges } from './git-tree-commit.js';

export interface SyncConflict {
  /** The page as this machine had it; it keeps this side's text. */
  path: string;
  /** The other side's text, saved beside it. */
  copy: string;
}

/** Something the merge decided on its own that the user should know about; nothing was lost. */
export interface SyncWarning {
  path: string;
  message: string;
}

export interface MergeResult {
  commit: string;
  /** Wiki-relative paths whose content differs from ours. */
  changed: string[];
  conflicts: SyncConflict[];
  warnings: SyncWarning[];
}

/**
 * The per-file three-way merge of `theirs` into `ours`. A file changed on one side takes that
 * side. Changed on both: a project manifest resolves to the same version on every machine (see
 * compareManifests), any other file keeps our text and saves theirs as a conflict copy. An edit
 * against a delete (or a page added to a project the other side purged) keeps the edit, so
 * nothing is lost, with the project's manifest, and is reported: it undoes a delete or purge the
 * user made on one machine.
 */
export async function mergeCommit(base: Base, ours: string, theirs: string, author: GitAuthor): Promise<MergeResult> {
  const [mergeBase] = await git.findMergeBase({ ...base, oids: [ours, theirs] });
  const [b, o, t] = await Promise.all([blobsOf(base, mergeBase ?? null), blobsOf(base, ours), blobsOf(base, theirs)]);
  const changes: TreeChanges = new Map();
  const conflicts: SyncConflict[] = [];
  const warnings: SyncWarning[] = [];
  const keptProjects = new Set<string>();
  const keep = (path: string, message: string) => {
    warnings.push({ path, message });
    const manifest = manifestOf(path);
    if (manifest) keptProjects.add(manifest);
  };
  /** A file added to a project whose manifest the other side deleted: the project was purged there. */
  const purgedOn = (side: Map<string, string>, path: string) => {
    const manifest = manifestOf(path);
    return manifest !== null && manifest !== path && b.has(manifest) && !side.has(manifest);
  };

  for (const path of [...new Set([...b.keys(), ...o.keys(), ...t.keys()])].sort()) {
    const [was, mine, other] = [b.get(path) ?? null, o.get(path) ?? null, t.get(path) ?? null];
    if (mine === other) continue;
    if (other === was) {
      if (was === null && purgedOn(t, path)) keep(path, 'added here to a project deleted on the remote: kept it');
    } else if (mine === was) {
      changes.set(path, other);
      if (was === null && purgedOn(o, path)) keep(path, 'added on the remote to a project deleted here: kept it');
    } else if (mine === null) {
      changes.set(path, other);
      keep(path, 'edited on the remote, deleted here: kept the edit');
    } else if (other === null) {
      keep(path, 'edited here, deleted on the remote: kept the edit');
    } else if (classifyWikiPath(path)?.type === 'manifest') {
      const [mineText, otherText] = await Promise.all([readText(base, mine), readText(base, other)]);
      if (compareManifests(otherText, mineText) < 0) changes.set(path, other);
    } else {
      const copy = conflictCopyPath(path, theirs.slice(0, 7));
      changes.set(copy, other);
      conflicts.push({ path, copy });
    }
  }
  // A project that keeps a page keeps its manifest (name, id), even where it was purged.
  for (const manifest of keptProjects) {
    const merged = changes.has(manifest) ? changes.get(manifest) : o.get(manifest);
    if (merged) continue;
    if (o.has(manifest)) changes.delete(manifest);
    else {
      const restored = t.get(manifest) ?? b.get(manifest);
      if (restored) changes.set(manifest, restored);
    }
  }

  const notes = [
    conflicts.length ? `${conflicts.length} conflict ${conflicts.length === 1 ? 'copy' : 'copies'}` : '',
    warnings.length ? `${warnings.length} ${warnings.length === 1 ? 'file' : 'files'} kept over a delete` : '',
  ].filter(Boolean);
  const message = `Sync: merge ${theirs.slice(0, 7)} from the remote${notes.length ? ` (${notes.join(', ')})` : ''}`;
  const commit = await writeCommitObject(base, ours, [ours, theirs], changes, message, author);
  return { commit, changed: [...changes.keys()].sort(), conflicts, warnings };
}

/** The manifest of the project folder holding `path`, or null for a file outside any project. */
function manifestOf(path: string): string | null {
  const parts = path.split('/');
  return parts.length >= 3 ? `${parts[0]}/${parts[1]}/${MANIFEST_FILE}` : null;
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
