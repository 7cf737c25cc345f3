import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.js';
import { git } from '../helpers/git.js';

/**
 * A throwaway world for the real agents: a fresh git repository they all work in (one project,
 * so a handoff can travel from one agent to the next), and per agent its own HOME, so its
 * config, auth and transcripts never touch the developer's or another agent's.
 */
export interface AgentWorld {
  repo: string;
  /** A new empty HOME for one agent. */
  box(agent: string): AgentBox;
  /** Removes the repository and every HOME (call it from the suite's `after`). */
  dispose(): Promise<void>;
}

export interface AgentBox {
  home: string;
  repo: string;
  /** Variables every process in the box gets: HOME and no inherited agent or ai-memory settings. */
  env: Record<string, string>;
  /** The built `ai-memory` CLI, run in the repo with the box's HOME; fails the test on a non-zero exit. */
  aiMemory(args: string[], extraEnv?: Record<string, string>): Promise<CliResult>;
  /** Runs an agent CLI to completion in the repo; its output is returned, never printed. */
  runAgent(bin: string, args: string[], extraEnv?: Record<string, string>, timeoutMs?: number): Promise<AgentRun>;
  write(relativeToHome: string, text: string): string;
}

export interface AgentRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Variables of the developer's shell that would point an agent at real accounts or configs.
const SCRUBBED = ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GEMINI_BASE_URL', 'GOOGLE_CLOUD_PROJECT', 'CLAUDE_CONFIG_DIR', 'CODEX_HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME', 'PI_CODING_AGENT_DIR', 'AI_MEMORY_SERVER_URL', 'AI_MEMORY_AUTH_TOKEN', 'AI_MEMORY_DATA_DIR'];

/** Created in a suite's `before`: node:test would run an `after` registered there at once. */
export async function agentWorld(): Promise<AgentWorld> {
  const root = await mkdtemp(join(tmpdir(), 'aim-agents-'));
  const repo = join(root, 'shop-api');
  mkdirSync(repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'README.md'), '# shop-api\n');
  git(repo, 'add', '.');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init');
  return { repo, box: (agent) => agentBox(join(root, `home-${agent}`), repo), dispose: () => rm(root, { recursive: true, force: true }) };
}

function agentBox(home: string, repo: string): AgentBox {
  mkdirSync(home, { recursive: true });
  const env: Record<string, string> = { HOME: home, NO_COLOR: '1', TERM: 'dumb' };
  for (const key of SCRUBBED) env[key] = '';
  return {
    home,
    repo,
    env,
    aiMemory: async (args, extraEnv = {}) => {
      const result = await runCli(args, { env: { ...env, ...extraEnv }, cwd: repo });
      assert.equal(result.code, 0, `ai-memory ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
      return result;
    },
    // PWD too: some agents (OpenCode) take their folder from it rather than from the process cwd.
    runAgent: (bin, args, extraEnv = {}, timeoutMs = 180_000) => runProcess(bin, args, repo, cleanEnv({ ...process.env, ...env, PWD: repo, ...extraEnv }), timeoutMs),
    write: (relative, text) => {
      const path = join(home, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
  };
}

/** Empty means unset: an agent may treat an empty key as set. */
function cleanEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}

function runProcess(bin: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs: number): Promise<AgentRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    // The whole process group goes: agents leave MCP bridges and shells behind.
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`${bin} ${args.join(' ')} did not finish in ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      kill();
      resolve({ code, stdout, stderr });
    });
  });
}
