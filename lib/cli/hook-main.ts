import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import type { Env } from '../config/client-config.js';
import { loadClientConfig } from '../config/client-config.js';
import { clientDataDir, recordedServerUrl } from '../config/server-file.js';
import { forwardHook } from '../client/hook-forwarder.js';

const STDIN_LIMIT = 8 * 1024 * 1024;
const STDIN_DEADLINE_MS = 3000;

/**
 * `ai-memory hook ...` runs on every hook an agent fires, so bin/ai-memory sends it here
 * directly, without the command framework. It exits 0 whatever happens: a memory problem must
 * never block or break the agent.
 */
export interface HookIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

export async function runHook(argv: string[], env: Env, io: HookIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<void> {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: false,
      options: {
        agent: { type: 'string' },
        event: { type: 'string' },
        'server-url': { type: 'string' },
        'auth-token': { type: 'string' },
        'project-strategy': { type: 'string' },
      },
    });
    const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
    // Hooks installed without a URL follow the server the user started (`serve --port 8080`).
    const recorded = text('server-url') || env.AI_MEMORY_SERVER_URL?.trim() ? undefined : recordedServerUrl(clientDataDir(env, homedir(), io.cwd));
    const outcome = await forwardHook({
      agent: text('agent') ?? 'other',
      event: text('event') ?? 'unknown',
      stdin: await readStdin(io.stdin),
      cwd: io.cwd,
      homeDir: homedir(),
      projectStrategy: text('project-strategy') === 'repo-root' ? 'repo-root' : undefined,
      config: loadClientConfig(env, { serverUrl: text('server-url'), authToken: text('auth-token') }, recorded),
    });
    if (outcome.stdout) io.stdout.write(`${outcome.stdout}\n`);
    if (outcome.warning) io.stderr.write(`${outcome.warning}\n`);
  } catch (error) {
    io.stderr.write(`ai-memory hook: ${(error as Error).message}\n`);
  }
  process.exitCode = 0;
}

function readStdin(stdin: NodeJS.ReadStream): Promise<string> {
  if (stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      clearTimeout(timer);
      stdin.pause();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const timer = setTimeout(done, STDIN_DEADLINE_MS);
    stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= STDIN_LIMIT) chunks.push(chunk);
    });
    stdin.once('end', done);
    stdin.once('error', done);
  });
}
