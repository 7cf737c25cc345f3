import type { ArgsDef } from 'citty';
import { createClient, type MemoryClient } from '../client/client.js';
import { resolveProject } from '../client/resolve-project.js';
import { loadClientConfig, type Env } from '../config/client-config.js';
import { clientDataDir, recordedServerUrl } from '../config/server-file.js';
import { MemoryError, type ErrorCode } from '../core/errors.js';

/** What every command receives from the entry point; commands never read process state. */
export interface CliContext {
  env: Env;
  cwd: string;
  homeDir: string;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  version: string;
  /** Set by scopeFor when the project came from the folder's name, so a "no project" error can say so. */
  guessedProject?: { project: string; folder: string };
}

export const jsonArg = {
  json: { type: 'boolean', description: 'Print machine-readable JSON' },
} as const satisfies ArgsDef;

export const serverArgs = {
  'server-url': { type: 'string', description: 'Server URL (default $AI_MEMORY_SERVER_URL, else the URL `serve` recorded in the data dir, else http://127.0.0.1:49374)' },
} as const satisfies ArgsDef;

export const scopeArgs = {
  workspace: { type: 'string', description: 'Workspace (default: from .ai-memory.toml, else "default")' },
  project: { type: 'string', alias: 'p', description: 'Project (default: from .ai-memory.toml, else the current folder name)' },
} as const satisfies ArgsDef;

export function clientFor(ctx: CliContext, args: { 'server-url'?: string | undefined }): MemoryClient {
  const flags = args['server-url'] ? { serverUrl: args['server-url'] } : {};
  // The data dir is read only when nothing else names the server.
  const recorded = flags.serverUrl || ctx.env.AI_MEMORY_SERVER_URL?.trim() ? undefined : recordedServerUrl(clientDataDir(ctx.env, ctx.homeDir, ctx.cwd));
  return createClient(loadClientConfig(ctx.env, flags, recorded));
}

/**
 * Flags first, then the nearest `.ai-memory.toml`, then the current folder's name (SPEC
 * section 4). `explicit` tells whether the user or a marker chose the project.
 */
export function scopeFor(ctx: CliContext, args: { workspace?: string | undefined; project?: string | undefined }) {
  const resolved = resolveProject(ctx.cwd, { homeDir: ctx.homeDir });
  const explicit = Boolean(args.project) || resolved.source === 'marker';
  if (!args.project && resolved.source !== 'marker') ctx.guessedProject = { project: resolved.project, folder: ctx.cwd };
  return {
    workspace: args.workspace || resolved.workspace,
    project: args.project || resolved.project,
    explicit,
  };
}

const EXIT_CODES: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 2,
  INVALID_PATH: 2,
  INVALID_NAME: 2,
  INVALID_SCOPE: 2,
  SERVER_UNREACHABLE: 3,
  NOT_FOUND: 4,
  CONFLICT: 5,
  UNAUTHORIZED: 6,
  FORBIDDEN: 6,
};

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_CODES[code] ?? 1;
}

/** Runs a command body; a MemoryError becomes a one-line message (or JSON) and an exit code. */
export async function runCommand(ctx: CliContext, json: boolean | undefined, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const memoryError = error instanceof MemoryError ? error : new MemoryError('INTERNAL', (error as Error)?.message ?? String(error));
    process.exitCode = reportError(ctx, explainGuess(ctx, memoryError), json);
  }
}

/** "no project default/tmp" in a folder nobody named: say where that name came from. */
function explainGuess(ctx: CliContext, error: MemoryError): MemoryError {
  const guess = ctx.guessedProject;
  if (!guess || error.code !== 'NOT_FOUND' || !error.message.includes(`project `) || !error.message.includes(guess.project)) return error;
  const hint = `(the project "${guess.project}" came from the folder name ${guess.folder}; pass --project NAME, or put project = "NAME" in a ${'.ai-memory.toml'} here)`;
  return new MemoryError(error.code, `${error.message} ${hint}`, error.data);
}

/** Prints an error the one way every command does (JSON on stdout with --json) and returns its exit code. */
export function reportError(out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, error: MemoryError, json: boolean | undefined): number {
  if (json) out.stdout.write(`${JSON.stringify(error.toJSON())}\n`);
  else out.stderr.write(`ai-memory: ${error.message}\n`);
  return exitCodeFor(error.code);
}

export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
