import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Scope } from '../core/paths.js';

/**
 * Whole-project moves and removals on disk, for purge and rename. Every path is built from a
 * validated scope (slugs), so a project folder can only ever name itself, never a sibling.
 */
export function projectDir(root: string, scope: Scope): string {
  return join(root, scope.workspace, scope.project);
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Every file under a folder (any type, not only markdown), relative to `root`, `/`-separated. */
export async function filesUnder(root: string, dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (abs: string): Promise<void> => {
    const entries = await readdir(abs, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(abs, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(root, path).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

export async function removeTree(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/** A rename within one file system is atomic: a crash leaves the folder at one name or the other. */
export async function moveTree(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await rename(from, to);
}

/**
 * Moves a folder's files into another that may already exist (raw events of a renamed project
 * meeting events that arrived under the new name). A name taken on both sides keeps both files.
 */
export async function mergeTree(from: string, to: string): Promise<void> {
  if (!(await exists(to))) return moveTree(from, to);
  for (const name of await readdir(from)) {
    let target = join(to, name);
    if (await exists(target)) {
      const dot = name.lastIndexOf('.');
      target = join(to, dot > 0 ? `${name.slice(0, dot)}-moved-${Date.now()}${name.slice(dot)}` : `${name}-moved-${Date.now()}`);
    }
    await rename(join(from, name), target);
  }
  await rmdir(from);
}
