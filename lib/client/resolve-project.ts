import { readFileSync, statSync } from 'node:fs';
import * as hostPath from 'node:path';
import { win32 } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { isWindowsPath, isWithin } from '../core/host-path.js';
import type { ResolvedByOf } from '../core/scope-rules.js';

/**
 * Project identity, resolved where the agent runs (SPEC section 4), so a server in Docker or on
 * another machine still gets the right project:
 *  1. the nearest `.ai-memory.toml` (cwd or an ancestor) may name workspace and project and
 *     choose `project_strategy = "repo-root"`;
 *  2. otherwise workspace `default` and the cwd's folder name;
 *  3. with repo-root, subfolders and linked worktrees of a repository map to the main
 *     checkout's folder name, found through the git common dir.
 */
export const MARKER_FILE = '.ai-memory.toml';

export interface ResolvedProject {
  workspace: string;
  project: string;
  /** How it was found: the `cli` row of SCOPE_RULES less `explicit` (flags are the command's). */
  source: Exclude<ResolvedByOf<'cli'>, 'explicit'>;
  marker?: string;
  strategy: 'basename' | 'repo-root';
}

export interface ResolveOptions {
  homeDir?: string;
  /** Strategy forced by the caller (an installed hook's `--project-strategy`). */
  strategy?: 'basename' | 'repo-root';
}

type PathApi = typeof win32;

interface Marker {
  path: string;
  workspace?: string;
  project?: string;
  strategy?: 'basename' | 'repo-root';
}

export function resolveProject(cwd: string | undefined | null, options: ResolveOptions = {}): ResolvedProject {
  // A Windows cwd is parsed as one wherever this runs (a payload relayed to Linux, tests), so
  // `C:\\src\\app` names "app" rather than being taken for a relative path.
  const { basename, isAbsolute, resolve } = cwd && isWindowsPath(cwd) ? win32 : hostPath;
  if (!cwd || !isAbsolute(cwd)) {
    return { workspace: 'default', project: 'scratch', source: 'default', strategy: options.strategy ?? 'basename' };
  }
  const dir = resolve(cwd);
  const marker = findMarker(dir, options.homeDir, isWindowsPath(dir) ? win32 : hostPath);
  const strategy = options.strategy ?? marker?.strategy ?? 'basename';
  const workspace = marker?.workspace ?? 'default';
  if (marker?.project) return { workspace, project: marker.project, source: 'marker', marker: marker.path, strategy };
  const base = { workspace, strategy, ...(marker ? { marker: marker.path } : {}) };
  if (strategy === 'repo-root') {
    const root = mainRepoRoot(dir, isWindowsPath(dir) ? win32 : hostPath);
    if (root) return { ...base, project: basename(root), source: 'repo-root' };
  }
  const name = basename(dir);
  if (name === '') return { ...base, project: 'scratch', source: 'default' };
  return { ...base, project: name, source: 'cwd' };
}

/**
 * Walks up from `dir`. Inside the home folder the walk stops at home; elsewhere it stops at the
 * nearest checkout root, so a marker in `/` or `/home` cannot capture unrelated folders.
 */
function findMarker(dir: string, homeDir: string | undefined, { dirname, join }: PathApi): Marker | undefined {
  // Case-insensitively on Windows: `c:\\users\\me` from one agent is `C:\\Users\\Me` from another.
  const underHome = homeDir !== undefined && isWithin(homeDir, dir);
  const atHome = (current: string) => homeDir !== undefined && isWithin(current, homeDir);
  let current = dir;
  for (;;) {
    const candidate = join(current, MARKER_FILE);
    if (isFile(candidate)) {
      const marker = readMarker(candidate);
      if (marker) return marker;
    }
    if (underHome && atHome(current)) return undefined;
    if (!underHome && exists(join(current, '.git'))) return undefined;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function readMarker(path: string): Marker | undefined {
  let data: Record<string, unknown>;
  try {
    data = parseToml(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined; // an unreadable marker is ignored rather than misrouting events
  }
  const marker: Marker = { path };
  if (typeof data.workspace === 'string' && data.workspace.trim() !== '') marker.workspace = data.workspace.trim();
  if (typeof data.project === 'string' && data.project.trim() !== '') marker.project = data.project.trim();
  const strategy = data.project_strategy;
  if (strategy === 'repo-root' || strategy === 'repo_root') marker.strategy = 'repo-root';
  else if (strategy === 'basename') marker.strategy = 'basename';
  return marker;
}

/**
 * The main working tree of the repository containing `dir`. A linked worktree's `.git` is a
 * file pointing at `<main>/.git/worktrees/<name>`, whose `commondir` leads back to `<main>/.git`.
 */
export function mainRepoRoot(dir: string, { basename, dirname, join, resolve }: PathApi = hostPath): string | undefined {
  let current = dir;
  for (;;) {
    const dotGit = join(current, '.git');
    if (isDirectory(dotGit)) return current;
    if (isFile(dotGit)) {
      const gitdir = /^gitdir:\s*(.+)$/m.exec(readText(dotGit) ?? '')?.[1]?.trim();
      if (!gitdir) return current;
      const gitdirAbs = resolve(current, gitdir);
      const common = readText(join(gitdirAbs, 'commondir'))?.trim();
      if (!common) return current; // a submodule: its own checkout is the root
      const commonDir = resolve(gitdirAbs, common);
      return basename(commonDir) === '.git' ? dirname(commonDir) : current;
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
