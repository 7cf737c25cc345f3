import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot } from './install.js';
import { AGENT_PACKAGES } from './manifest.js';

/**
 * OpenClaw requires Node 24.16+ and the suite runs on Node 20. Node itself is on the npm registry
 * as `node-<platform>-<arch>` (the binary the `node` package wraps), so it is provisioned like the
 * agents: pinned here, installed on first use into the test-agents cache, never into the
 * project. OpenClaw is then installed by that Node's npm run (its install scripts see Node 24)
 * and runs under it; the ai-memory hook its plugin spawns keeps the Node that installed it.
 */
export const NODE24_VERSION = '24.22.3';

export type Node24Runtime = { ok: true; binDir: string; node: string } | { ok: false; reason: string };
export type OpenclawInstall = { ok: true; bin: string; node: string; binDir: string } | { ok: false; reason: string };

let pending: Promise<OpenclawInstall> | undefined;

/** OpenClaw (the version in manifest.ts) and the Node 24 it runs on; one install per process. */
export function installOpenclaw(): Promise<OpenclawInstall> {
  pending ??= provision();
  return pending;
}

async function provision(): Promise<OpenclawInstall> {
  const runtime = await installNode24();
  if (!runtime.ok) return runtime;
  const { pkg, version } = AGENT_PACKAGES.openclaw;
  const spec = `${pkg}@${version}`;
  // The npm on PATH is a `#!/usr/bin/env node` script: with Node 24 first on PATH it runs under it.
  const installed = await installInto(join(cacheRoot(), `${spec}+node${NODE24_VERSION}`), spec, 'node_modules/openclaw/openclaw.mjs', { PATH: `${runtime.binDir}:${process.env.PATH ?? ''}` });
  if (!installed.ok) return installed;
  return { ok: true, bin: installed.path, node: runtime.node, binDir: runtime.binDir };
}

export async function installNode24(): Promise<Node24Runtime> {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  const pkg = `node-${os}-${process.arch}`;
  const spec = `${pkg}@${NODE24_VERSION}`;
  const binary = process.platform === 'win32' ? `node_modules/${pkg}/bin/node.exe` : `node_modules/${pkg}/bin/node`;
  const installed = await installInto(join(cacheRoot(), spec), spec, binary, {});
  if (!installed.ok) return installed;
  return { ok: true, node: installed.path, binDir: join(installed.path, '..') };
}

type Installed = { ok: true; path: string } | { ok: false; reason: string };

/** npm install of one spec into its own cache folder; a marker tells a finished install from an interrupted one. */
async function installInto(dir: string, spec: string, expected: string, env: Record<string, string>): Promise<Installed> {
  const marker = join(dir, '.installed');
  const path = join(dir, expected);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === spec && existsSync(path)) return { ok: true, path };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'ai-memory-test-agent', private: true }));
  const result = await npm(['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], dir, env);
  if (result.code !== 0 || !existsSync(path)) {
    rmSync(dir, { recursive: true, force: true });
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network|socket hang up/i.test(result.output)) {
      return { ok: false, reason: `the npm registry cannot be reached, so ${spec} was not installed (${result.output.split('\n').find((l) => l.trim())?.trim() ?? 'no output'})` };
    }
    if (/E404|No matching version|EBADPLATFORM/.test(result.output)) return { ok: false, reason: `${spec} is not published for this platform (${process.platform}-${process.arch})` };
    throw new Error(`npm install ${spec} failed (exit ${result.code}):\n${result.output}`);
  }
  writeFileSync(marker, spec);
  return { ok: true, path };
}

function npm(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false', ...env } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (error) => resolve({ code: -1, output: `${output}${error.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}
