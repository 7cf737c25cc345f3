import type { WikiFiles } from '../store/wiki-files.js';
import type { IndexState } from './index-state.js';
import { VocabularyChanges } from './vocabulary.js';

const READ_BATCH = 64;

export interface AppliedChanges {
  updated: string[];
  removed: string[];
  /** Files whose content was unchanged but whose stat was recorded anew. */
  touched: number;
}

/**
 * Re-reads the given wiki-relative paths and brings the state up to date, page by page: files
 * are read a batch at a time, each batch applied in one database transaction, and the vocabulary
 * of every page the changes can reach rewritten once at the end.
 */
export async function applyChanges(state: IndexState, files: WikiFiles, rels: string[]): Promise<AppliedChanges> {
  const changes: AppliedChanges = { updated: [], removed: [], touched: 0 };
  const vocabulary = new VocabularyChanges(state.catalog, state.graph);
  const fts = state.fullText.store;
  for (let i = 0; i < rels.length; i += READ_BATCH) {
    const loaded = await Promise.all(
      rels.slice(i, i + READ_BATCH).map(async (rel) => {
        const info = await files.info(rel);
        return { rel, info, text: info ? await files.read(rel) : null };
      }),
    );
    fts.db.transaction(() => {
      for (const { rel, info, text } of loaded) {
        // Before and after: the pages the change's links pointed at then, and point at now.
        vocabulary.note(rel);
        const outcome = info && text !== null ? state.upsert(info, text) : state.remove(rel);
        if (outcome === 'updated') changes.updated.push(rel);
        if (outcome === 'removed') changes.removed.push(rel);
        if (outcome === 'touched') changes.touched += 1;
        vocabulary.note(rel);
      }
    });
  }
  if (changes.updated.length > 0 || changes.removed.length > 0) fts.db.transaction(() => vocabulary.write(fts));
  return changes;
}
