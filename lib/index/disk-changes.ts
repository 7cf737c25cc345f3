import type { WikiFiles } from '../store/wiki-files.js';
import { isLargeBurst } from './burst.js';
import { settleCopiedFiles } from './copied-files.js';
import type { IndexState } from './index-state.js';

export interface DiskChanges {
  /** Files that are new, changed or gone, to be applied. */
  rels: string[];
  /** Files whose only change is a new change time (a copy that kept times): their stats are updated, nothing re-indexed. */
  keptCopies: number;
}

/**
 * What differs between the files on disk (all of them, or those under one folder) and the
 * index. In a large burst, files whose size and modification time are unchanged are hashed
 * before they count: a data dir copied with its times kept differs only in change times.
 */
export async function changesOnDisk(state: IndexState, files: WikiFiles, under: string, options: { offThread: boolean; burstRebuildFrom: number | undefined }): Promise<DiskChanges> {
  const found = await files.scan(under, { offThread: options.offThread });
  const onDisk = new Set(found.map((f) => f.rel));
  const inside = (rel: string) => under === '' || rel.startsWith(`${under}/`);
  const known = [...state.catalog.rels(), ...state.manifestFiles.keys()];
  let stale = found.filter((f) => state.isStale(f));
  const gone = known.filter((rel) => inside(rel) && !onDisk.has(rel));
  let keptCopies = 0;
  if (isLargeBurst(stale.length + gone.length, state.catalog.size, options.burstRebuildFrom)) {
    const { changed, kept } = await settleCopiedFiles(state, files, stale);
    keptCopies = kept;
    stale = changed;
  }
  return { rels: [...stale.map((f) => f.rel), ...gone], keptCopies };
}
