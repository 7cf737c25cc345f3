import type { Logger } from '../core/logger.js';
import type { GitRepo } from '../store/git-repo.js';
import type { WikiFiles } from '../store/wiki-files.js';
import type { TopRowsOptions } from './top-rows.js';

/** What the index reads from and how it is tuned; the defaults below apply when a limit is not given. */
export interface MemoryIndexDeps {
  files: WikiFiles;
  git: GitRepo;
  indexDir: string;
  logger: Logger;
  /** Quiet period before the index is written to disk; 0 writes after every change. */
  persistDelayMs: number;
  /**
   * Wikis with at least this many markdown files are fully built in a child process (default
   * 1,000); a smaller build costs less memory than starting a process takes time.
   */
  buildInChildFrom?: number;
  /** Apply a burst of at least this many changed files (default 2,000) by a rebuild (burst.ts). */
  burstRebuildFrom?: number;
  /**
   * Reconcile scans of a wiki of at least this many pages (default 5,000) walk the files on a
   * worker thread when there is a second core (scan-off-thread.ts), so the periodic scan does not
   * hold searches up (~0.3-0.5 s of stat calls at 50k pages). Not at a start, which waits for it.
   */
  scanOffThreadFrom?: number;
  /** Top-rows lists (top-rows.ts): their sizes (tests use small wikis), or false for none. */
  topRows?: TopRowsOptions | false;
}

export const BUILD_IN_CHILD_FROM = 1000;
export const SCAN_OFF_THREAD_FROM = 5000;
