import { fork } from 'node:child_process';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  const own = fileURLToPath(import.meta.url);
  const script = new URL(`./top-rows-child-main${extname(own)}`, import.meta.url);
  // From TypeScript sources (tests, benchmarks) the child needs tsx too; compiled, plain node.
  const execArgv = script.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const child = fork(fileURLToPath(script), [], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
  // Neither the child nor its channel keeps a server that is stopping alive.
  child.unref();
  child.channel?.unref();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const saved = new Promise<{ lists: number; ms: number }>((resolve, reject) => {
    let answer: TopRowsChildMessage | undefined;
    child.on('message', (message: TopRowsChildMessage) => (answer = message));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (answer?.type === 'saved') resolve({ lists: answer.lists, ms: answer.ms });
      else reject(new Error(answer?.message ?? `${signal ? `killed by ${signal}` : `exited with code ${code}`}${stderr.trim() ? ` (${stderr.trim().split('\n').slice(-3).join(' ')})` : ''}`));
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
