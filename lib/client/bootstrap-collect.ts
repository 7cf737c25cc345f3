import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { BOOTSTRAP_LIMITS as L, RULE_FILES, isSourceFile, moduleHeader, type BootstrapCollected, type BootstrapFile } from '../core/maintenance/bootstrap-input.js';

const run = promisify(execFile);

/**
 * Collects what `ai-memory bootstrap` seeds a project from, on the user's machine (the server
 * may be remote and never sees the checkout): recent git history and hot files through the git
 * CLI, the README, docs/*.md, agent rule files and the opening comment of source files. Every
 * part is capped so a huge repository costs a bounded request.
 */
export type CollectProgress = (stage: string, done: number, total: number) => void;

const HISTORY_WINDOW = 300;
const MAX_FILE_BYTES = 256 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'target', 'vendor', '.venv', 'venv', '__pycache__', 'coverage', '.next', 'out']);

export async function collectBootstrap(root: string, progress: CollectProgress = () => {}): Promise<BootstrapCollected> {
  const tracked = await gitFiles(root);
  const history = tracked ? await gitHistory(root) : { commits: [], hot: [] };
  progress('git history', history.commits.length, history.commits.length);

  const readme = await firstExisting(root, ['README.md', 'README', 'README.rst', 'README.txt', 'readme.md'], L.readmeChars);
  const files = tracked ?? (await walk(root, 4000));
  const docPaths = files.filter((f) => /^docs\/.+\.md$/i.test(f)).sort().slice(0, L.docs);
  const docs: BootstrapFile[] = [];
  for (const [i, path] of docPaths.entries()) {
    const text = await readCapped(join(root, path), L.docChars);
    if (text !== null) docs.push({ path, text });
    progress('docs', i + 1, docPaths.length);
  }
  const rules: BootstrapFile[] = [];
  for (const name of RULE_FILES) {
    const text = await readCapped(join(root, name), L.ruleChars);
    if (text !== null && text.trim() !== '') rules.push({ path: name, text });
  }
  progress('rule files', rules.length, rules.length);

  // Hot files first, so the cap keeps the modules where work happens.
  const hotSet = new Set(history.hot.map((h) => h.path));
  const sources = files.filter(isSourceFile).sort((a, b) => Number(hotSet.has(b)) - Number(hotSet.has(a)) || a.localeCompare(b));
  const modules: BootstrapCollected['modules'] = [];
  const scan = sources.slice(0, L.modules * 3);
  for (const [i, path] of scan.entries()) {
    if (modules.length >= L.modules) break;
    const text = await readCapped(join(root, path), 16_000);
    const header = text === null ? null : moduleHeader(path, text);
    if (header) modules.push({ path, header: header.slice(0, L.headerChars) });
    if ((i + 1) % 25 === 0 || i + 1 === scan.length) progress('module headers', i + 1, scan.length);
  }
  modules.sort((a, b) => a.path.localeCompare(b.path));

  const collected: BootstrapCollected = { name: basename(root), docs, rules, history: history.commits, hot_files: history.hot, modules };
  if (readme) collected.readme = readme;
  return collected;
}

async function gitFiles(root: string): Promise<string[] | null> {
  try {
    const { stdout } = await run('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout.split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

async function gitHistory(root: string): Promise<{ commits: BootstrapCollected['history']; hot: BootstrapCollected['hot_files'] }> {
  try {
    const sepField = '\u001f';
    const { stdout } = await run(
      'git',
      ['-C', root, 'log', `-n${HISTORY_WINDOW}`, '--no-merges', '--name-only', `--format=\u001e%H${sepField}%aI${sepField}%an${sepField}%s`],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const commits: BootstrapCollected['history'] = [];
    const counts = new Map<string, number>();
    for (const block of stdout.split('\u001e').filter((b) => b.trim() !== '')) {
      const [head, ...paths] = block.split('\n');
      const [commit, date, author, subject] = head!.split(sepField);
      if (commits.length < L.commits) commits.push({ commit: commit!, date: date!, author: author!, subject: subject ?? '' });
      for (const path of paths) if (path.trim()) counts.set(path.trim(), (counts.get(path.trim()) ?? 0) + 1);
    }
    const hot = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, L.hotFiles).map(([path, n]) => ({ path, commits: n }));
    return { commits, hot };
  } catch {
    // A repository with no commits yet, or git missing: no history, the rest still works.
    return { commits: [], hot: [] };
  }
}

async function firstExisting(root: string, names: string[], max: number): Promise<BootstrapFile | undefined> {
  for (const name of names) {
    const text = await readCapped(join(root, name), max);
    if (text !== null) return { path: name, text };
  }
  return undefined;
}

async function readCapped(path: string, maxChars: number): Promise<string | null> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return null;
    const text = await readFile(path, 'utf8');
    if (text.includes('\u0000')) return null;
    return text.slice(0, maxChars);
  } catch {
    return null;
  }
}

/** Outside a git checkout: a bounded walk that skips dependency and build folders. */
async function walk(root: string, max: number): Promise<string[]> {
  const out: string[] = [];
  const queue = [root];
  while (queue.length > 0 && out.length < max) {
    const dir = queue.shift()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') && entry.name !== '.github' && entry.name !== '.cursorrules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) queue.push(full);
      else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  }
  return out;
}
