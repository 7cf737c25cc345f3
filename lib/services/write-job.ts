import { gitAuthor, type Actor } from '../core/actor.js';
import type { SyncOutcome } from '../store/git-sync.js';
import type { GitAuthor } from '../store/git-repo.js';
import type { WikiStore } from '../store/wiki-store.js';
import type { RunOptions, WriteLane } from '../store/write-queue.js';
import type { ServiceDeps } from './deps.js';
import { createWikiTx, type WikiTx } from './wiki-tx.js';

/**
 * The one way services change the wiki. Every write keeps three things in step: the files, the
 * index (read-your-writes: the caller's next query sees the change) and git (each job is one
 * commit, `git log` tells who changed what). A job writes only through its `WikiTx`, which
 * records every path it changes; the helper then indexes exactly those paths and commits them
 * with the job's message and author, all inside the single writer. The tx closes when the job
 * returns: writes it forgot to await are waited for and committed with it, and a write after
 * that fails instead of missing the commit.
 * test/services/write-paths.test.ts fails when code in lib/ outside this file and wiki-tx.ts
 * writes, indexes or commits by itself.
 *
 * Two writes do not start from the service, and have their own entries here so the exception
 * is visible rather than silent:
 * - `pullJob`: git sync makes its own commits (fast-forward or merge); only the index follows.
 * - `commitExternalEdits`: an edit made outside the server (Obsidian, an editor) was indexed by
 *   the watcher, which is how it was noticed; only the commit follows.
 */
export interface WriteJobOptions {
  /**
   * The commit message. A function is called after the index has the changes (it may read the
   * page's title from there) with the paths the job changed, only when it changed something.
   */
  message: string | ((changed: readonly string[]) => string);
  /** Who the commit is by (a user in multi-user mode); a function is called like `message`. */
  author?: Actor | undefined | (() => Actor | undefined);
  /** `background` for work nobody waits on (session closes): see lib/store/write-queue.ts. */
  lane?: WriteLane;
  /** A label `writer.promote` finds a waiting background job by. */
  tag?: string;
}

export interface WriteOutcome<T> {
  /** What the job returned. */
  value: T;
  /** The commit, or null when nothing differed from HEAD. */
  commit: string | null;
  /** Wiki-relative paths the job changed (and the index now has), in the order it changed them. */
  changed: string[];
}

/**
 * Runs `job` in the single writer, then indexes and commits what it changed. `settle`, when
 * given, runs still inside the writer after the commit (records that must follow the commit,
 * answers read from the index as this job left it) and its result is returned instead.
 * A job that throws neither indexes nor commits, and the files it had changed are put back as
 * they were (a bootstrap that fails on its tenth page leaves no nine half-imported pages): the
 * wiki, the index and git stay as the job found them.
 */
export function writeJob<T>(deps: ServiceDeps, options: WriteJobOptions, job: (tx: WikiTx) => Promise<T>): Promise<WriteOutcome<T>>;
export function writeJob<T, R>(deps: ServiceDeps, options: WriteJobOptions, job: (tx: WikiTx) => Promise<T>, settle: (outcome: WriteOutcome<T>) => R | Promise<R>): Promise<R>;
export function writeJob<T, R>(
  deps: ServiceDeps,
  options: WriteJobOptions,
  job: (tx: WikiTx) => Promise<T>,
  settle?: (outcome: WriteOutcome<T>) => R | Promise<R>,
): Promise<WriteOutcome<T> | R> {
  const run = async () => {
    const open = createWikiTx(deps.store);
    const ran = await job(open.tx).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const { changed, unawaited } = await open.end();
    if (unawaited > 0) deps.logger.error(`a write job returned before ${unawaited} of its writes finished; they are committed with it, but await every tx call`);
    if (!ran.ok) {
      const { notRestored } = await open.rollback();
      if (notRestored.length > 0) deps.logger.error(`a write job failed after removing ${notRestored.length} files; they stay removed on disk and remain in git history`);
      throw ran.error;
    }
    const { value } = ran;
    let commit: string | null = null;
    if (changed.length > 0) {
      await deps.index.apply(changed);
      const message = typeof options.message === 'string' ? options.message : options.message(changed);
      const author = typeof options.author === 'function' ? options.author() : options.author;
      commit = await deps.store.git.commit(changed, message, gitAuthor(author));
    }
    const outcome: WriteOutcome<T> = { value, commit, changed };
    return settle ? settle(outcome) : outcome;
  };
  const queued: RunOptions = {};
  if (options.lane) queued.lane = options.lane;
  if (options.tag) queued.tag = options.tag;
  return deps.store.writer.run(run, queued);
}

/**
 * `sync`: pull, merge and push with a remote. The pull and the merge commit by themselves, so
 * this job only indexes the paths those commits changed, before the answer: a search right
 * after the sync sees the pulled pages.
 */
export function pullJob(deps: ServiceDeps, remote: string | undefined, author: GitAuthor): Promise<SyncOutcome> {
  return deps.store.writer.run(async () => {
    const outcome = await deps.store.git.sync(remote, author);
    await deps.index.apply(outcome.changed);
    return outcome;
  });
}

/**
 * Commits files changed behind the server's back. The watcher indexed them already (the
 * index noticing is what scheduled this); paths whose file matches HEAD are skipped by git,
 * so our own writes and pulled files never make an empty commit.
 */
export function commitExternalEdits(store: WikiStore, rels: string[], message: (changed: string[]) => string): Promise<string | null> {
  return store.writer.run(() => store.git.commit(rels, message));
}

/**
 * Runs `work` while no write can start, so it sees the repository whole and never mid-commit
 * (a backup). It must not change the wiki: it has no `WikiTx`.
 */
export function whileWritesWait<T>(store: WikiStore, work: () => Promise<T>): Promise<T> {
  return store.writer.run(work);
}
