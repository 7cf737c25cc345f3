import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, firstLine, npm, unreachable, type Installed } from './install.js';

/**
 * Bun, for the agents that run on it (Oh My Pi), installed on first use into the same cache as
 * the agent CLIs. Bun ships on npm as one package per platform holding the binary
 * (`@oven/bun-linux-x64`, ...); installing that one directly skips the `bun` wrapper's
 * postinstall, which would download the binary again. Pinned like the agents.
 */
export const BUN_VERSION = '1.4.5';

let pending: Promise<Installed> | undefined;

export function installBun(): Promise<Installed> {
  pending ??= install();
  return pending;
}

function platformPackage(): string | null {
  const os = process.platform === 'darwin' ? 'darwin' : process.platform === 'linux' ? 'linux' : null;
  const arch = process.arch === 'x64' ? 'x64' : process.arch === 'arm64' ? 'aarch64' : null;
  return os && arch ? `@oven/bun-${os}-${arch}` : null;
}

async function install(): Promise<Installed> {
  const pkg = platformPackage();
  if (!pkg) return { ok: false, reason: `no Bun build on npm for ${process.platform}/${process.arch}` };
  const spec = `${pkg}@${BUN_VERSION}`;
  const dir = join(cacheRoot(), spec.replace(/\//g, '+'));
  const marker = join(dir, '.installed');
  const bin = join(dir, 'node_modules', pkg, 'bin', 'bun');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === spec && existsSync(bin)) return { ok: true, bin, dir };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'ai-memory-test-runtime', private: true }));
  const result = await npm(['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], dir);
  if (result.code !== 0 || !existsSync(bin)) {
    rmSync(dir, { recursive: true, force: true });
    if (unreachable(result.output)) return { ok: false, reason: `the npm registry cannot be reached, so ${spec} was not installed (${firstLine(result.output)})` };
    throw new Error(`npm install ${spec} failed (exit ${result.code}):\n${result.output}`);
  }
  writeFileSync(marker, spec);
  return { ok: true, bin, dir };
}
