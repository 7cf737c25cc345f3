import { plainText } from '../core/markdown.js';
import type { DerivedIndex, FullBuild } from './derived-index.js';
import { ftsRow, type FtsMatch, type FtsStore } from './fts-store.js';
import type { IndexedPage } from './indexed-page.js';

/** The full-text queries search runs; row ids are page ids (`MemoryIndex.pageById`). */
export interface FullTextQueries {
  /** Best matches of an FTS5 expression, within the given `<workspace>/<project>` keys or everywhere. */
  match(expression: string, scopeKeys: string[] | null, limit: number): FtsMatch[];
  /** Best matches in the pages' vocabulary (vocabulary.ts), like `match`. */
  matchVocabulary(expression: string, scopeKeys: string[] | null, limit: number): FtsMatch[];
  /** How many pages the given `<workspace>/<project>` keys hold. */
  scopePages(scopeKeys: string[]): number;
  /** Row ids of the pages within the scopes holding a phrase, at most `limit` of them. */
  scopedRows(phrase: string, scopeKeys: string[], limit: number): number[];
  /** How many pages hold a phrase, within the scopes or everywhere, and how many pages there are. */
  share(phrase: string, scopeKeys: string[] | null): { holding: number; pages: number };
}

/**
 * The FTS5 store as a derived index. A full build arrives with its database already filled (a
 * build child or worker made it from the bodies), so `load` adopts that database and closes the
 * one it replaces.
 */
export class FullTextIndex implements DerivedIndex, FullTextQueries {
  readonly name = 'full text';
  private current: FtsStore | undefined;

  /** The database, for the index's own transactions, vocabulary rows and image. */
  get store(): FtsStore {
    if (!this.current) throw new Error('the full-text index is not loaded yet');
    return this.current;
  }

  load(build: FullBuild): void {
    const previous = this.current;
    this.current = build.fts;
    if (previous && previous !== build.fts) previous.db.close();
  }

  upsert(page: IndexedPage, body: string): void {
    this.store.upsert(ftsRow(page, plainText(body)));
  }

  remove(_rel: string, page: IndexedPage): void {
    this.store.remove(page.id);
  }

  match(expression: string, scopeKeys: string[] | null, limit: number): FtsMatch[] {
    return this.store.match(expression, scopeKeys, limit);
  }

  matchVocabulary(expression: string, scopeKeys: string[] | null, limit: number): FtsMatch[] {
    return this.store.matchVocabulary(expression, scopeKeys, limit);
  }

  scopePages(scopeKeys: string[]): number {
    return this.store.scopePages(scopeKeys);
  }

  scopedRows(phrase: string, scopeKeys: string[], limit: number): number[] {
    return this.store.scopedRows(phrase, scopeKeys, limit);
  }

  share(phrase: string, scopeKeys: string[] | null): { holding: number; pages: number } {
    return this.store.share(phrase, scopeKeys);
  }

  close(): void {
    this.current?.db.close();
  }
}
