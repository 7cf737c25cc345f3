import { getPriority, setPriority } from 'node:os';
import type { Logger } from '../core/logger.js';
import { forkIndexChild } from './fork-child.js';
import type { BuildChildMessage, BuildRequest } from './build-protocol.js';
import type { Progress } from './index-build.js';

export interface BuildOutcome {
  pages: number;
  savedAt: string;
  /** When asked for: the files that differ from git's HEAD; undefined when the child could not tell. */
  uncommitted: Promise<string[] | undefined>;
  /** When asked for: true once the child saved the git history to history.json. */
  history: Promise<boolean>;
}

/**
 * Runs build-child-main.ts in a child process and resolves once it has written the new database
 * and catalog to `request.indexDir` and made them the persisted index. Rejects when the child cannot start, fails or dies (out of memory,
 * killed), so that the caller can fall back to building in its own process.
 */
export function buildInChild(request: BuildRequest, logger: Logger, progress?: Progress): Promise<BuildOutcome> {
  return new Promise((resolve, reject) => {
    let done = false;
    let failure: string | undefined;
    let settleUncommitted: (paths: string[] | undefined) => void = () => {};
    const uncommitted = new Promise<string[] | undefined>((resolveList) => (settleUncommitted = resolveList));
    let settleHistory: (saved: boolean) => void = () => {};
    const history = new Promise<boolean>((resolveSaved) => (settleHistory = resolveSaved));
    const { child, stderrTail } = forkIndexChild('build-child-main');
    child.on('message', (message: BuildChildMessage) => {
      if (message.type === 'progress') progress?.(message.done, message.total);
      else if (message.type === 'log') logger[message.level](message.message);
      else if (message.type === 'uncommitted') settleUncommitted(message.paths);
      else if (message.type === 'history') settleHistory(message.saved);
      else if (message.type === 'failed') failure = message.message;
      else {
        // The index is on disk: the caller opens it while the child may still be checking files.
        done = true;
        // A server that stops meanwhile must not wait for the check: the child ends with it.
        child.unref();
        child.channel?.unref();
        // Not for a reindex's history walk: its caller waits for it, and on a machine busy with
        // other work a lower priority would stretch that wait.
        if (!request.history) yieldToServer(child.pid);
        resolve({ pages: message.pages, savedAt: message.savedAt, uncommitted, history });
      }
    });
    child.once('error', (error) => {
      settleUncommitted(undefined);
      settleHistory(false);
      if (!done) reject(error);
    });
    child.once('exit', (code, signal) => {
      settleUncommitted(undefined);
      settleHistory(false);
      if (done) return;
      const why = failure ?? (signal ? `killed by ${signal}` : `exited with code ${code}`);
      reject(new Error(`index build process failed: ${why}${stderrTail()}`));
    });
    child.send(request);
  });
}

/**
 * What a first start's child does after `done` (hashing every file for the commit check) is
 * background work, while this process now loads the index on its main thread and
 * its title worker: three busy threads on two cores. A lower priority leaves the cores to the
 * load and the first searches; the child still runs at full speed once the server is idle. On
 * Linux this is the child's main thread, the one that does that work. Relative to the server's
 * own niceness (a server started with `nice` keeps its child below it), at most 19.
 */
export const AFTER_DONE_NICE = 10;

export function yieldToServer(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, Math.min(19, getPriority() + AFTER_DONE_NICE));
  } catch {
    // Not permitted here (some containers): the child competes as before.
  }
}
