import { readFileSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, realpath, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { MemoryError } from '../core/errors.js';
import { scanTreeOffThread } from './scan-off-thread.js';
import { scanTree } from './scan-tree.js';
import { writeFileAtomic } from './atomic-write.js';

/** What the index remembers about a file to tell, without reading it, whether it changed. */
export interface FileInfo {
  /** Path relative to the wiki root, `/`-separated. */
  rel: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export interface WikiFiles {
  readonly root: string;
  absolute(rel: string): string;
  read(rel: string): Promise<string | null>;
  /**
   * Reads a page synchronously. Only for a handful of small, cached files on a latency-critical
   * path (search snippets): ~10 µs each against ~70 µs through fs/promises.
   */
  readNow(rel: string): string | null;
  write(rel: string, text: string): Promise<FileInfo>;
  /** Removes the file and any folders it leaves empty, up to the project folder. */
  remove(rel: string): Promise<boolean>;
  info(rel: string): Promise<FileInfo | null>;
  /**
   * Every markdown file under the wiki (or under one folder of it), skipping hidden folders
   * (.git, .obsidian) and symlinks. `offThread` walks on a worker thread (scan-off-thread.ts):
   * worth it for a large wiki while this thread has other work to do.
   */
  scan(under?: string, options?: { offThread?: boolean }): Promise<FileInfo[]>;
}

export function createWikiFiles(root: string): WikiFiles {
  const absolute = (rel: string) => join(root, ...rel.split('/'));

  // A folder inside the wiki could be a symlink to somewhere else; writing through it would
  // escape the data dir, so the real parent must still be inside the real wiki root.
  const realRoot = () => realpath(root);
  const isInside = (real: string, base: string) => real === base || real.startsWith(base + sep);

  async function assertInside(abs: string): Promise<void> {
    const base = await realRoot();
    let parent = dirname(abs);
    for (;;) {
      try {
        const realParent = await realpath(parent);
        if (!isInside(realParent, base)) {
          throw new MemoryError('INVALID_PATH', `refusing to write through a link that leaves the wiki: ${relative(root, abs)}`);
        }
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        parent = dirname(parent);
      }
    }
  }

  async function info(rel: string): Promise<FileInfo | null> {
    try {
      const stats = await lstat(absolute(rel));
      if (!stats.isFile()) return null;
      return { rel, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw error;
    }
  }

  return {
    root,
    absolute,
    async read(rel) {
      try {
        const abs = absolute(rel);
        const stats = await lstat(abs);
        if (!stats.isFile()) return null;
        // lstat refuses a linked file but follows linked folders on the way: a folder link
        // planted in the wiki must not make a page read return a file from outside it.
        if (!isInside(await realpath(dirname(abs)), await realRoot())) return null;
        return await readFile(abs, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return null;
        throw error;
      }
    },
    readNow(rel) {
      try {
        return readFileSync(absolute(rel), 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
        throw error;
      }
    },
    async write(rel, text) {
      const abs = absolute(rel);
      await assertInside(abs);
      await writeFileAtomic(abs, text);
      const written = await info(rel);
      if (!written) throw new MemoryError('INTERNAL', `file vanished right after writing: ${rel}`);
      return written;
    },
    async remove(rel) {
      const abs = absolute(rel);
      await assertInside(abs);
      try {
        await rm(abs);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
      // Prune empty folders below the project folder (<ws>/<project> stays).
      let dir = dirname(abs);
      const stop = join(root, ...rel.split('/').slice(0, 2));
      while (dir.startsWith(stop + sep)) {
        try {
          await rmdir(dir);
        } catch {
          break;
        }
        dir = dirname(dir);
      }
      return true;
    },
    info,
    async scan(under = '', options = {}) {
      return options.offThread ? scanTreeOffThread(root, under) : scanTree(root, under);
    },
  };
}

export async function ensureDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
