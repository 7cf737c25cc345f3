import fs from 'node:fs';
import { isoGit } from './iso-git.js';

/** Files committed at HEAD under a folder (wiki-relative), read from the tree, not the disk. */
export async function trackedUnder(dir: string, prefix: string, cache: object): Promise<string[]> {
  const git = await isoGit();
  const folder = prefix.replace(/\/+$/, '');
  let head: string;
  try {
    head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
  } catch {
    return [];
  }
  const out: string[] = [];
  const walk = async (treePath: string): Promise<void> => {
    let tree;
    try {
      ({ tree } = await git.readTree({ fs, dir, cache, oid: head, filepath: treePath }));
    } catch {
      return; // the folder is not in HEAD
    }
    for (const entry of tree) {
      const path = `${treePath}/${entry.path}`;
      if (entry.type === 'tree') await walk(path);
      else if (entry.type === 'blob') out.push(path);
    }
  };
  await walk(folder);
  return out.sort();
}
