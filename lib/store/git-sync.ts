import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { MemoryError, type ErrorData } from '../core/errors.js';
import { runsInObsidian } from '../core/obsidian-code.js';
import { redactUrl } from '../core/redact-url.js';
import { writeFileAtomic } from './atomic-write.js';
import { explainHttpError, gitHttp } from './git-http.js';
import { blobsOf, mergeCommit, type SyncConflict, type SyncWarning } from './git-merge.js';
import { moveBranch, type Base, type GitAuthor } from './git-tree-commit.js';

export type { SyncConflict, SyncWarning } from './git-merge.js';

export interface SyncOutcome {
  remote: string;
  action: 'up-to-date' | 'pushed' | 'fast-forward' | 'merged';
  /** Wiki-relative paths whose files changed here. */
  changed: string[];
  conflicts: SyncConflict[];
  /** Files kept over a delete on the other side (see mergeCommit). */
  warnings: SyncWarning[];
  head: string | null;
}

export interface SyncHooks {
  author: GitAuthor;
  /** Called before files change on disk, so the git index can be healed after a crash. */
  beforeDiskChange(paths: string[]): void;
  /**
   * Runs the step that reads HEAD, merges and lands files (`integrate`) in the wiki's single
   * writer, with whatever must follow it there (indexing what changed). The fetch before it
   * and the push after it run outside, so writes never wait on the network.
   */
  inWriter(integrate: () => Promise<SyncOutcome>): Promise<SyncOutcome>;
}

const REMOTE = 'origin';
/** Fetch, merge and push rounds one sync makes while other machines keep pushing first. */
const PUSH_ATTEMPTS = 4;

/**
 * Pull, merge and push the wiki with isomorphic-git over http(s). The merge is per file (see
 * mergeCommit): a page changed on both sides keeps this side's text and saves the other side's
 * as a conflict copy, an edit beats a delete and is reported, so no line is ever lost. Files are
 * written before the branch moves, so a crash leaves the new content as an uncommitted edit,
 * never a reverted merge. Only the merge holds the writer (see SyncHooks.inWriter): a fetch or a
 * push takes seconds on a slow link, and page writes go on meanwhile. A commit made during the
 * fetch is merged (HEAD is read in the writer); one made during the push is pushed with it, or
 * by the next sync.
 */
export async function syncWithRemote(base: Base, url: string | undefined, hooks: SyncHooks): Promise<SyncOutcome> {
  const configured = await git.getConfig({ ...base, path: `remote.${REMOTE}.url` }).catch(() => undefined);
  const remoteUrl = url ?? (typeof configured === 'string' ? configured : undefined);
  if (!remoteUrl) throw new MemoryError('INVALID_INPUT', 'no sync remote yet: pass --remote URL once; it is remembered in the wiki repository');
  if (!/^https?:\/\//i.test(remoteUrl)) throw new MemoryError('INVALID_INPUT', `sync speaks http(s) only, got ${redactUrl(remoteUrl)}`);
  const shown = redactUrl(remoteUrl);
  const branch = (await git.currentBranch({ ...base })) ?? 'main';

  let remembered: 'same' | 'other' | 'none' = typeof configured !== 'string' ? 'none' : configured === remoteUrl ? 'same' : 'other';
  let total: SyncOutcome | null = null;
  for (let attempt = 1; ; attempt += 1) {
    await fetchAndRemember(base, remoteUrl, remembered, branch);
    remembered = 'same';
    const outcome = await hooks.inWriter(() => integrateFetched(base, shown, branch, hooks));
    total = total === null ? outcome : combine(total, outcome);
    if (outcome.action !== 'pushed' && outcome.action !== 'merged') return total;
    // Another machine pushed between this fetch and this push: merge that too and push again
    // at once, rather than leave it to the next timer run (a team's timers keep racing).
    if ((await pushBranch(base, shown, branch, total, attempt < PUSH_ATTEMPTS)) === 'pushed') return total;
  }
}

/** The outcome of two rounds of one sync: what either changed, and every conflict either kept. */
function combine(first: SyncOutcome, next: SyncOutcome): SyncOutcome {
  return {
    remote: next.remote,
    action: [first.action, next.action].includes('merged') ? 'merged' : [first.action, next.action].includes('pushed') ? 'pushed' : next.action,
    changed: [...new Set([...first.changed, ...next.changed])].sort(),
    conflicts: [...first.conflicts, ...next.conflicts],
    warnings: [...first.warnings, ...next.warnings],
    head: next.head,
  };
}

/** Brings what the fetch got into the branch: nothing, a fast-forward or a merge commit. */
async function integrateFetched(base: Base, shown: string, branch: string, hooks: SyncHooks): Promise<SyncOutcome> {
  const head = await resolve(base, 'HEAD');
  const theirs = await resolve(base, `refs/remotes/${REMOTE}/${branch}`);
  const outcome: SyncOutcome = { remote: shown, action: 'up-to-date', changed: [], conflicts: [], warnings: [], head };

  if (theirs !== null && theirs !== head) {
    if (head !== null && (await git.isDescendent({ ...base, oid: head, ancestor: theirs, depth: -1 }))) {
      outcome.action = 'pushed';
    } else if (head === null || (await isFreshWiki(base, head)) || (await git.isDescendent({ ...base, oid: theirs, ancestor: head, depth: -1 }))) {
      outcome.changed = await diffPaths(base, head, theirs);
      outcome.warnings = await land(base, theirs, outcome.changed, hooks);
      outcome.action = 'fast-forward';
      outcome.head = theirs;
    } else {
      const merged = await mergeCommit(base, head, theirs, hooks.author);
      const heldBack = await land(base, merged.commit, merged.changed, hooks);
      Object.assign(outcome, { action: 'merged', changed: merged.changed, conflicts: merged.conflicts, warnings: [...merged.warnings, ...heldBack], head: merged.commit });
    }
  } else if (theirs === null && head !== null) {
    outcome.action = 'pushed';
  }
  return outcome;
}

/**
 * Pushes the branch as it is now (commits made since the merge go with it). 'raced' when the
 * remote moved since the fetch and `mayRetry`; otherwise that is an error. The merge is
 * committed here already, so the next sync will not report its conflict copies again: a failed
 * push must name them, or nobody hears of them.
 */
async function pushBranch(base: Base, shown: string, branch: string, outcome: SyncOutcome, mayRetry: boolean): Promise<'pushed' | 'raced'> {
  const kept = outcome.conflicts.length === 0 ? '' : ` (conflict copies kept by the merge: ${outcome.conflicts.map((c) => c.copy).join(', ')})`;
  const data: ErrorData = outcome.conflicts.length === 0 ? {} : { conflicts: JSON.stringify(outcome.conflicts) };
  let refusal: string;
  try {
    const pushed = await git.push({ ...base, http: gitHttp, remote: REMOTE, ref: branch });
    if (pushed.ok) return 'pushed';
    refusal = pushed.error ?? 'unknown reason';
    if (mayRetry && REMOTE_MOVED.test(refusal)) return 'raced';
  } catch (error) {
    if (mayRetry && remoteMoved(error)) return 'raced';
    throw new MemoryError('CONFLICT', `push to ${shown} failed (${explainHttpError(error)}); run sync again to merge what arrived meanwhile${kept}`, data);
  }
  throw new MemoryError('CONFLICT', `push to ${shown} was refused: ${refusal}; run sync again${kept}`, data);
}

/** How git's receive-pack says the branch moved under a push (not a hook's or a host's refusal). */
const REMOTE_MOVED = /non-fast-forward|fetch first|failed to (?:update|lock)|cannot lock ref|stale info/i;

/**
 * isomorphic-git refuses a push itself when the advertised branch is not an ancestor of ours,
 * and throws GitPushError when receive-pack then could not move the branch (another push landed
 * between the advertisement and the update).
 */
function remoteMoved(error: unknown): boolean {
  const e = error as { code?: string; message?: string; data?: { reason?: string } };
  if (e.code === 'PushRejectedError') return e.data?.reason === 'not-fast-forward';
  return e.code === 'GitPushError' && REMOTE_MOVED.test(e.message ?? '');
}

/**
 * Fetches the branch by URL, not by the configured remote, and remembers the URL only once that
 * worked: a mistyped or unreachable --remote never replaces the remote that works.
 */
async function fetchAndRemember(base: Base, url: string, configured: 'same' | 'other' | 'none', branch: string): Promise<void> {
  const shown = redactUrl(url);
  const tracking = `refs/remotes/${REMOTE}/${branch}`;
  const trackedBefore = await resolve(base, tracking);
  // isomorphic-git files what it fetched under the remote's fetch refspec, so one must exist
  // before the URL is known to work; a first sync that fails takes it away again.
  if (configured === 'none') await git.setConfig({ ...base, path: `remote.${REMOTE}.fetch`, value: `+refs/heads/*:refs/remotes/${REMOTE}/*` });
  try {
    await git.fetch({ ...base, http: gitHttp, url, remote: REMOTE, ref: branch, singleBranch: true, tags: false });
  } catch (error) {
    const missingHead = isMissingRemoteHead(error);
    if (missingHead || !isEmptyRemote(error)) {
      if (configured === 'none') await git.deleteRemote({ ...base, remote: REMOTE }).catch(() => undefined);
      if (!missingHead) throw new MemoryError('SERVER_UNREACHABLE', `could not fetch from ${shown}: ${explainHttpError(error)}`);
      // isomorphic-git moves the tracking ref before it fails on the remote's HEAD, without the
      // objects: put the ref back, or the repository would point at a commit it does not have.
      if (trackedBefore === null) await git.deleteRef({ ...base, ref: tracking }).catch(() => undefined);
      else await git.writeRef({ ...base, ref: tracking, value: trackedBefore, force: true });
      throw new MemoryError(
        'INVALID_INPUT',
        `the remote ${shown} has no HEAD: its default branch does not exist (a bare repository made with \`git init --bare\` ` +
          `defaults to master; this wiki's branch is ${branch}). On the server, run \`git symbolic-ref HEAD refs/heads/${branch}\` ` +
          'in that repository (or set its default branch to it), then run the same sync again',
        { branch },
      );
    }
    // An empty remote: nothing to pull, the push creates the branch.
  }
  if (configured !== 'same') await git.addRemote({ ...base, remote: REMOTE, url, force: true });
}

/**
 * Writes the commit's version of each path to disk, then moves the branch to it. Obsidian
 * plugin code from the remote stays in git but is not written here (it would run when the
 * vault opens); each such file comes back as a warning.
 */
async function land(base: Base, commit: string, paths: string[], hooks: SyncHooks): Promise<SyncWarning[]> {
  const heldBack = paths.filter(runsInObsidian);
  hooks.beforeDiskChange(paths);
  for (const path of paths) {
    if (runsInObsidian(path)) continue;
    const blob = await git.readBlob({ ...base, oid: commit, filepath: path }).catch(() => null);
    if (blob) await writeFileAtomic(join(base.dir, path), Buffer.from(blob.blob));
    else await rm(join(base.dir, path), { force: true });
  }
  await moveBranch(base, commit);
  return heldBack.map((path) => ({
    path,
    message: `Obsidian plugin code from the remote, not written here (it would run when the vault opens); if you trust it: git -C <wiki> checkout HEAD -- ${path}`,
  }));
}

async function diffPaths(base: Base, from: string | null, to: string): Promise<string[]> {
  const [a, b] = await Promise.all([blobsOf(base, from), blobsOf(base, to)]);
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
}

/** A wiki that holds only its first commit adopts the remote's history instead of merging. */
async function isFreshWiki(base: Base, head: string): Promise<boolean> {
  const { commit } = await git.readCommit({ ...base, oid: head });
  if (commit.parent.length > 0) return false;
  const files = await blobsOf(base, head);
  return [...files.keys()].every((p) => p === '.gitignore');
}

async function resolve(base: Base, ref: string): Promise<string | null> {
  return git.resolveRef({ ...base, ref }).catch(() => null);
}

/**
 * isomorphic-git (1.44) resolves the remote's HEAD even for a single-branch fetch and throws when
 * the remote advertises none (HEAD names a branch that does not exist), after updating the
 * tracking ref and before storing the pack (isomorphic-git issue #1654).
 */
function isMissingRemoteHead(error: unknown): boolean {
  const e = error as { code?: string; data?: { what?: string } };
  return e.code === 'NotFoundError' && e.data?.what === 'HEAD';
}

function isEmptyRemote(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === 'NotFoundError' || /could not find|empty repository|no refs/i.test(e.message ?? '');
}
