import type { Logger } from '../core/logger.js';

/** What commitOfflineEdits needs: the index's findings at start, git, and where commits go. */
export interface OfflineEditsDeps {
  /** Files the warm start's scan found changed, or null when no scan ran (a cold build). */
  index: { startupChanges: string[] | null; uncommittedAtStart: Promise<string[] | undefined> | null };
  store: { git: { uncommittedMarkdown(): Promise<string[]> } };
  externalCommits: { schedule(rels: Iterable<string>): void };
}

const STOPPED: unique symbol = Symbol('stopped');

/**
 * Edits made while no server ran (rsync, an offline Obsidian session) get their commit too.
 * After a cold build the build child checks the files against HEAD off this thread; a stop does
 * not wait for that list (the child runs at a low priority and may take a while on a busy
 * machine): the edits stay on disk uncommitted, and the next start finds them again. A check run
 * in this process is waited for, so its commit is flushed with the others, never against a
 * closed store.
 */
export function commitOfflineEdits({ index, store, externalCommits }: OfflineEditsDeps, stopping: Promise<void>, logger: Logger): Promise<void> {
  if (index.startupChanges !== null) {
    externalCommits.schedule(index.startupChanges);
    return Promise.resolve();
  }
  const stopped = stopping.then((): typeof STOPPED => STOPPED);
  return Promise.race([index.uncommittedAtStart ?? Promise.resolve(undefined), stopped])
    .then(async (paths) => {
      if (paths === STOPPED) return;
      const found = paths ?? (await store.git.uncommittedMarkdown());
      externalCommits.schedule(found);
    })
    .catch((error: unknown) => logger.warn(`could not check for uncommitted edits: ${(error as Error).message}`));
}

