import type { FileInfo, WikiFiles } from '../store/wiki-files.js';
import type { IndexState } from './index-state.js';
import { contentHash } from './parse-file.js';

const READ_BATCH = 64;

/**
 * Of the files a scan found stale, keeps out those that were only copied: same size and
 * modification time as indexed, a new inode change time, and the indexed content. Their new stat
 * is recorded. A data dir copied or restored with its times kept (`cp -a`, `rsync -a`, a backup)
 * makes every file look stale; without this, the next start would rebuild the whole index (at
 * 50k pages ~40 s) where reading and hashing the files takes a few seconds.
 */
export async function settleCopiedFiles(state: IndexState, files: WikiFiles, stale: FileInfo[]): Promise<{ changed: FileInfo[]; kept: number }> {
  const changed: FileInfo[] = [];
  const copied: FileInfo[] = [];
  for (const file of stale) (state.onlyChangeTimeDiffers(file) ? copied : changed).push(file);
  let kept = 0;
  for (let i = 0; i < copied.length; i += READ_BATCH) {
    const batch = copied.slice(i, i + READ_BATCH);
    const texts = await Promise.all(batch.map((file) => files.read(file.rel)));
    batch.forEach((file, j) => {
      const text = texts[j];
      if (text !== null && text !== undefined && state.touch(file, contentHash(text))) kept += 1;
      else changed.push(file);
    });
  }
  return { changed, kept };
}
