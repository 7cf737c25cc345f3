import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';

const TEMP_PREFIX = 'ai-memory-tmp-';

/**
 * The `fs` isomorphic-git uses, with writes inside `.git` made atomic (temp file, then rename).
 * isomorphic-git writes loose objects and refs in place, so a kill -9 mid-write leaves an empty
 * object file; worse, it never rewrites an object file that exists, so a later commit needing
 * the same blob would point at the empty file. A rename is atomic against a process crash; the
 * wiki files themselves are written (and fsynced) by atomic-write.ts.
 *
 * Temp objects go beside their target as `tmp_obj_*`, as git itself does (git ignores them);
 * other temp files go to the top of `.git`, where a leftover cannot pass for a ref.
 */
export function crashSafeGitFs(repoDir: string): typeof fs {
  const gitDir = resolve(repoDir, '.git');
  const objectsDir = join(gitDir, 'objects') + sep;
  const promises = { ...fs.promises } as typeof fs.promises;
  promises.writeFile = (async (path: fs.PathLike | fs.promises.FileHandle, data: string | Uint8Array, options?: fs.WriteFileOptions) => {
    const target = typeof path === 'string' ? resolve(path) : null;
    if (target === null || !target.startsWith(gitDir + sep)) return fs.promises.writeFile(path, data, options);
    const suffix = randomBytes(6).toString('hex');
    const temp = target.startsWith(objectsDir) ? join(dirname(target), `tmp_obj_${suffix}`) : join(gitDir, `${TEMP_PREFIX}${basename(target)}-${suffix}`);
    // A missing folder fails here with ENOENT, which isomorphic-git answers by creating it.
    await writeFile(temp, data, options);
    try {
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }) as typeof fs.promises.writeFile;
  // isomorphic-git takes the promise API when `promises` is an enumerable own property.
  return { ...fs, promises } as typeof fs;
}

/** Removes the temp files a crash left at the top of `.git`. */
export async function clearGitTemp(repoDir: string): Promise<void> {
  const gitDir = join(repoDir, '.git');
  for (const name of await readdir(gitDir)) {
    if (name.startsWith(TEMP_PREFIX)) await rm(join(gitDir, name), { force: true });
  }
}
