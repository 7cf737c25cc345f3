import type { GitObjects } from './git-objects.js';

/** Files committed at `head` under a folder (wiki-relative), read from the tree, not the disk. */
export async function trackedUnder(objects: GitObjects, head: string | null, prefix: string): Promise<string[]> {
  const folder = prefix.replace(/\/+$/, '');
  if (!head) return [];
  const top = await objects.readTreeAt(head, folder);
  if (!top) return []; // the folder is not in HEAD
  const out: string[] = [];
  const walk = async (entries: Awaited<ReturnType<GitObjects['readTree']>>, path: string): Promise<void> => {
    for (const entry of entries) {
      const full = `${path}/${entry.path}`;
      if (entry.type === 'tree') await walk(await objects.readTree(entry.oid), full);
      else if (entry.type === 'blob') out.push(full);
    }
  };
  await walk(top, folder);
  return out.sort();
}
