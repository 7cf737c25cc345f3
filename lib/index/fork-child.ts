import { fork, type ChildProcess } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ForkedChild {
  child: ChildProcess;
  /** ` (its last stderr lines)` for an error message, or '' when it wrote none. */
  stderrTail(): string;
}

/**
 * Forks `<name>.ts` / `<name>.js` of this folder with an IPC channel, the way the index runs its
 * child processes (the build, the top-rows lists): from TypeScript sources (tests, benchmarks)
 * through tsx, compiled with plain node. The end of its stderr is kept to say why it failed.
 */
export function forkIndexChild(name: string): ForkedChild {
  const own = fileURLToPath(import.meta.url);
  const script = new URL(`./${name}${extname(own)}`, import.meta.url);
  const execArgv = script.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const child = fork(fileURLToPath(script), [], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  return {
    child,
    stderrTail: () => (stderr.trim() ? ` (${stderr.trim().split('\n').slice(-3).join(' ')})` : ''),
  };
}
