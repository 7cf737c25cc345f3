import { existsSync, readFileSync } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, readlink, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTwoFilesPatch } from 'diff';
import { maskSecret } from '../client/installers/command-line.js';
import type { CliContext } from './context.js';

/**
 * The disk side of the installers: read the current files, show what would change, and with
 * --apply back each file up to `<file>.bak-<timestamp>` and write it atomically. The editing
 * itself is pure (lib/client/installers); nothing here decides content.
 */
export interface PlannedChange {
  path: string;
  before: string | null;
  /** null: delete the file. Equal to `before`: nothing to do. */
  after: string | null;
  what: string;
}

export type ChangeAction = 'create' | 'update' | 'delete' | 'unchanged';

export interface ChangeResult {
  path: string;
  what: string;
  action: ChangeAction;
  backup?: string;
  diff?: string;
}

export function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export const fileExists = (path: string) => existsSync(path);

export function actionOf(change: PlannedChange): ChangeAction {
  if (change.before === change.after) return 'unchanged';
  if (change.after === null) return 'delete';
  return change.before === null ? 'create' : 'update';
}

export async function carryOut(changes: PlannedChange[], apply: boolean, secret?: string): Promise<ChangeResult[]> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.(\d+)Z$/, '$1Z');
  const results: ChangeResult[] = [];
  for (const change of changes) {
    const action = actionOf(change);
    const result: ChangeResult = { path: change.path, what: change.what, action };
    if (action !== 'unchanged') result.diff = maskSecret(createTwoFilesPatch(change.path, change.path, change.before ?? '', change.after ?? '', action === 'create' ? '(new file)' : undefined, action === 'delete' ? '(deleted)' : undefined), secret);
    if (apply && action !== 'unchanged') {
      const target = await realTarget(change.path);
      if (change.before !== null) result.backup = await backup(target, stamp);
      if (change.after === null) await unlink(target);
      else await writeAtomic(target, change.after, Boolean(secret && change.after.includes(secret)));
    }
    results.push(result);
  }
  return results;
}

/** Writes through a symlink to its target, as the agents themselves do. */
async function realTarget(path: string): Promise<string> {
  try {
    if ((await lstat(path)).isSymbolicLink()) return resolve(dirname(path), await readlink(path));
  } catch {
    // missing: written fresh
  }
  return path;
}

async function backup(path: string, stamp: string): Promise<string> {
  let name = `${path}.bak-${stamp}`;
  for (let n = 1; existsSync(name); n += 1) name = `${path}.bak-${stamp}-${n}`;
  await copyFile(path, name);
  return name;
}

async function writeAtomic(path: string, text: string, holdsSecret: boolean): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  let mode: number | undefined;
  try {
    mode = (await stat(path)).mode & 0o777;
  } catch {
    // A new file with a token in it is readable by its owner only.
    mode = holdsSecret ? 0o600 : undefined;
  }
  const temp = join(dirname(path), `.${Date.now()}-${process.pid}.ai-memory.tmp`);
  await writeFile(temp, text, mode === undefined ? {} : { mode });
  if (mode !== undefined) await chmod(temp, mode);
  await rename(temp, path);
}

/** Prints what happened (or would happen) and the notes; JSON with --json. */
export function report(ctx: CliContext, command: string, apply: boolean, json: boolean | undefined, results: ChangeResult[], notes: string[], extra: Record<string, unknown> = {}): void {
  if (json) {
    ctx.stdout.write(`${JSON.stringify({ command, applied: apply, changes: results, notes, ...extra }, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  const removing = command === 'uninstall';
  if (results.length === 0) lines.push(removing ? 'Nothing to remove: no ai-memory entries were found.' : 'Nothing to change.');
  for (const r of results) {
    if (r.action === 'unchanged') lines.push(`unchanged  ${r.path} (${r.what}: ${removing ? 'no ai-memory entries' : 'already up to date'})`);
    else if (apply) lines.push(`${r.action === 'create' ? 'created' : r.action === 'delete' ? 'deleted' : 'updated'}  ${r.path} (${r.what})${r.backup ? `\n           backup: ${r.backup}` : ''}`);
    else lines.push(`would ${r.action} ${r.path} (${r.what}):\n${r.diff ?? ''}`);
  }
  const pending = results.some((r) => r.action !== 'unchanged');
  if (!apply && pending) lines.push('Dry run: nothing was written. Run again with --apply to make these changes (each changed file is backed up first).');
  for (const note of notes) lines.push(`note: ${note}`);
  ctx.stdout.write(`${lines.join('\n')}\n`);
}

/** The ai-memory package folder (holding bin/ and hooks/), from the sources or from dist/. */
export function packageDir(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (let depth = 0; depth < 6; depth += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'ai-memory') return dir;
    } catch {
      // keep walking up
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the ai-memory package folder');
}
