import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

/**
 * The `fs` isomorphic-git uses, with writes inside `.git` made atomic (temp file, then rename).
 * isomorphic-git writes loose objects and refs in place, so a kill -9 mid-write leaves an empty
 * object file; worse, it never rewrites an object file that exists, so a later commit needing
 * the same blob would point at the empty file. A rename is atomic against a process crash; the
 * wiki files themselves are written (and fsynced) by atomic-write.ts.
 */
export function crashSafeGitFs(repoDir: string): typeof fs {
  const gitDir = resolve(repoDir, '.git') + sep;
  const tempDir = join(gitDir, 'ai-memory-tmp');
  const promises = { ...fs.promises } as typeof fs.promises;
  promises.writeFile = (async (path: fs.PathLike | fs.promises.FileHandle, data: string | Uint8Array, options?: fs.WriteFileOptions) => {
    if (typeof path !== 'string' || !resolve(path).startsWith(gitDir)) return fs.promises.writeFile(path, data, options);
    await mkdir(tempDir, { recursive: true });
    const temp = join(tempDir, randomBytes(8).toString('hex'));
    await writeFile(temp, data, options);
    try {
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }) as typeof fs.promises.writeFile;
  // isomorphic-git takes the promise API when `promises` is an enumerable own property.
  return { ...fs, promises } as typeof fs;
}

/** Removes temp files a crash left behind in `.git/ai-memory-tmp`. */
export async function clearGitTemp(repoDir: string): Promise<void> {
  await rm(join(repoDir, '.git', 'ai-memory-tmp'), { recursive: true, force: true });
}
