import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AGENT_PACKAGES, type AgentName } from './manifest.js';

/**
 * Installs a pinned agent CLI on first use into a cache outside the repository
 * (AI_MEMORY_TEST_AGENTS_CACHE, default ~/.cache/ai-memory/test-agents/<pkg>@<version>), never
 * into the project's dependencies. A finished install leaves a marker, so a half-done one
 * (interrupted run) is redone rather than trusted.
 */
export type Installed = { ok: true; bin: string; dir: string } | { ok: false; reason: string };

export function cacheRoot(): string {
  return process.env.AI_MEMORY_TEST_AGENTS_CACHE || join(homedir(), '.cache', 'ai-memory', 'test-agents');
}

const pending = new Map<AgentName, Promise<Installed>>();

export function installAgent(name: AgentName): Promise<Installed> {
  let job = pending.get(name);
  if (!job) {
    job = install(name);
    pending.set(name, job);
  }
  return job;
}

async function install(name: AgentName): Promise<Installed> {
  const { pkg, version, bin } = AGENT_PACKAGES[name];
  const spec = `${pkg}@${version}`;
  const dir = join(cacheRoot(), spec.replace(/\//g, '+'));
  const marker = join(dir, '.installed');
  const binPath = join(dir, 'node_modules', '.bin', bin);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === spec && existsSync(binPath)) return { ok: true, bin: binPath, dir };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'ai-memory-test-agent', private: true }));
  // cwd is the install folder, so a sibling folder named like the spec is never taken for a path.
  const result = await npm(['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], dir);
  if (result.code !== 0 || !existsSync(binPath)) {
    rmSync(dir, { recursive: true, force: true });
    if (unreachable(result.output)) return { ok: false, reason: `the npm registry cannot be reached, so ${spec} was not installed (${firstLine(result.output)})` };
    throw new Error(`npm install ${spec} failed (exit ${result.code}):\n${result.output}`);
  }
  writeFileSync(marker, spec);
  return { ok: true, bin: binPath, dir };
}

export function unreachable(output: string): boolean {
  return /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network|socket hang up/i.test(output);
}

export function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'no output';
}

export function npm(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (error) => resolve({ code: -1, output: `${output}${error.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}
