import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { sep } from 'node:path';
import type { FileInfo } from './wiki-files.js';

/**
 * Every markdown file under `root` (or under its folder `under`), skipping hidden entries (.git,
 * .obsidian, editors' temp files) and symlinks, with the size and times the index compares.
 * Synchronous on purpose: ~3 µs a file against ~15 µs through fs/promises. Paths are built by
 * concatenation: names from readdir need no normalising, and `join` was a tenth of the walk.
 */
export function scanTree(root: string, under = ''): FileInfo[] {
  const files: FileInfo[] = [];
  const walk = (dirRel: string, dirAbs: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dirAbs, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = dirRel === '' ? entry.name : `${dirRel}/${entry.name}`;
      const abs = `${dirAbs}${sep}${entry.name}`;
      if (entry.isDirectory()) walk(rel, abs);
      else if (entry.isFile() && entry.name.endsWith('.md')) {
        // Gone between readdir and stat: not there.
        const stats = lstatSync(abs, { throwIfNoEntry: false });
        if (stats?.isFile()) files.push({ rel, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs });
      }
    }
  };
  walk(under, under === '' ? root : `${root}${sep}${under.split('/').join(sep)}`);
  return files;
}
