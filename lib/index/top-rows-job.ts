import { join } from 'node:path';
import { forkIndexChild } from './fork-child.js';
import type { TopRowsOptions } from './top-rows.js';

export interface TopRowsRequest {
  database: string;
  generation: string;
  /** Where to save the lists: `topRowsFile(indexDir, generation)`. */
  file: string;
  options?: TopRowsOptions;
}

export type TopRowsChildMessage = { type: 'saved'; lists: number; ms: number } | { type: 'failed'; message: string };

/** The lists of the index saved as `generation` (persist.ts removes the others with the stale files). */
export function topRowsFile(indexDir: string, generation: string): string {
  return join(indexDir, `toprows-${generation}.json`);
}

/** Present, holding the child's process id, while a child computes the lists to be saved as `file`. */
export function pendingFile(file: string): string {
  return `${file}.pending`;
}

export interface TopRowsJob {
  /** Resolves once the lists are saved, rejects when the child failed or died. */
  readonly saved: Promise<{ lists: number; ms: number }>;
  stop(): void;
}

/** Runs top-rows-child-main.ts on the database the server serves (see there and top-rows-reader.ts). */
export function computeTopRowsInChild(request: TopRowsRequest): TopRowsJob {
  const { child, stderrTail } = forkIndexChild('top-rows-child-main');
  // Neither the child nor its channel keeps a server that is stopping alive.
  child.unref();
  child.channel?.unref();
  const saved = new Promise<{ lists: number; ms: number }>((resolve, reject) => {
    let answer: TopRowsChildMessage | undefined;
    child.on('message', (message: TopRowsChildMessage) => (answer = message));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (answer?.type === 'saved') resolve({ lists: answer.lists, ms: answer.ms });
      else reject(new Error(answer?.message ?? `${signal ? `killed by ${signal}` : `exited with code ${code}`}${stderrTail()}`));
    });
  });
  child.send(request);
  return {
    saved,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
