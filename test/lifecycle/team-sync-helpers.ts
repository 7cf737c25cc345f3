import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MemoryClient } from '../../lib/client/client.js';
import type { SyncResult } from '../../lib/core/contract.js';
import { MemoryError } from '../../lib/core/errors.js';
import { runCli } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import type { TestServer } from '../helpers/server.js';

/** The pieces of test/lifecycle/team-sync.test.ts: a laptop of the team, its syncs, and the counts. */
export const PROJECT = 'team';

export interface Conflict {
  path: string;
  copy: string;
}

export interface Machine {
  name: string;
  server: TestServer;
  /** Generous timeout: three servers, their git pushes and git http-backend share two cores. */
  client: MemoryClient;
  conflicts: Conflict[];
  syncs: number;
  refusedPushes: number;
  failedFetches: number;
  syncMs: number[];
}

const MAX_ATTEMPTS = 30;

/**
 * Syncs as the systemd timer would, again when a push raced another machine's or a fetch timed
 * out (the error says to run sync again; the timer's next run would). `viaCli` runs the built
 * `ai-memory sync --json` instead of the HTTP client, as the timer does.
 */
export async function syncMachine(machine: Machine, options: { remote?: string; viaCli?: boolean } = {}): Promise<SyncResult> {
  for (let attempt = 1; ; attempt += 1) {
    const started = performance.now();
    const outcome = await (options.viaCli ? cliSync(machine, options.remote) : machine.client.sync(options.remote)).then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (outcome.ok) {
      machine.syncMs.push(performance.now() - started);
      machine.syncs += 1;
      machine.conflicts.push(...outcome.result.conflicts);
      return outcome.result;
    }
    const { error } = outcome;
    const retry = error instanceof MemoryError && (error.code === 'CONFLICT' || /could not fetch/.test(error.message));
    if (!retry || attempt >= MAX_ATTEMPTS) throw error;
    if (error.code === 'CONFLICT') machine.refusedPushes += 1;
    else machine.failedFetches += 1;
    // A merge whose push was refused names its conflict copies in the error (the retry that
    // pushes it cannot report them again).
    const kept = error.data.conflicts;
    if (typeof kept === 'string') machine.conflicts.push(...(JSON.parse(kept) as Conflict[]));
    // Timers run with a random delay (RandomizedDelaySec): machines that keep pushing in the
    // same second drift apart.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 500 * attempt));
  }
}

/** `ai-memory sync --json` against the machine's server: the result, or its error rebuilt. */
async function cliSync(machine: Machine, remote?: string): Promise<SyncResult> {
  const run = await runCli(['sync', '--json', ...(remote ? ['--remote', remote] : [])], { env: { AI_MEMORY_SERVER_URL: machine.server.url } });
  let printed: unknown;
  try {
    printed = JSON.parse(run.stdout);
  } catch {
    throw new Error(`ai-memory sync --json printed no JSON (exit ${run.code}; is dist/ built?): ${run.stdout}${run.stderr}`);
  }
  if (run.code === 0) return printed as SyncResult;
  throw MemoryError.fromJSON(printed, `ai-memory sync exited ${run.code}: ${run.stderr}`);
}

/** Appends a line to a page as it is on this machine now (a shared page people add to). */
export async function append(machine: Machine, path: string, line: string): Promise<void> {
  const client = machine.client;
  const current = await client.readPage({ workspace: 'default', project: PROJECT }, path).then((p) => p.body, () => `# ${path}\n`);
  await client.writePage({ project: PROJECT, path, title: path, body: `${current.trimEnd()}\n- ${line}\n` });
}

/** Every markdown file under `dir` (wiki-relative path -> text), dot folders left out. */
export function markdownFiles(dir: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of markdownFiles(dir, child)) out.set(k, v);
    else if (entry.name.endsWith('.md')) out.set(child, readFileSync(join(dir, child), 'utf8'));
  }
  return out;
}

/** The markdown files of a repository's branch, read with the git CLI (works on a bare repository). */
export function trackedMarkdown(repo: string, ref = 'HEAD'): string[] {
  return git(repo, 'ls-tree', '-r', '--name-only', ref)
    .split('\n')
    .filter((p) => p.endsWith('.md'))
    .sort();
}

/**
 * How many versions of each file the history holds: non-merge commits that changed it. One page
 * write is one commit, and a sync adds only merge commits (fast-forwards add none), so a page's
 * count is the number of writes to it, on whichever machine they happened.
 */
export function versionsPerFile(repo: string, ref = 'HEAD'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of git(repo, 'log', '--no-merges', '--format=', '--name-only', ref).split('\n')) {
    if (line) counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return counts;
}
