import type { LinkKeyNumbers } from './catalog-codec.js';
import type { FtsStore } from './fts-store.js';
import type { IndexedPage } from './indexed-page.js';

/** What a full build or a persisted image hands every derived index to start over from. */
export interface FullBuild {
  /** Every indexed page, as the catalog holds them. */
  pages: readonly IndexedPage[];
  /** The full-text database built beside them: it needs the bodies, which no one keeps in memory. */
  fts: FtsStore;
  /** The pages' links by number, when they come from a saved catalog (catalog-codec.ts). */
  linkKeys?: LinkKeyNumbers;
  /** The saved catalog the pages were decoded from, when they come from one (the title worker may have read it already). */
  catalogFile?: string;
}

/**
 * A structure derived from the catalog's pages one page at a time (full text, link graph, title
 * index). MemoryIndex keeps them in one list and loops over it on a rebuild, a warm start and
 * every `apply`, so a new derived index is a file implementing this and one entry in that list
 * (index-state.ts). The catalog itself is the record they derive from, not one of them; the
 * vocabulary depends on links between pages and is brought up to date after them (vocabulary.ts).
 */
export interface DerivedIndex {
  /** Names the index in logs and diagnostics. */
  readonly name: string;
  /** Drops everything held and starts over from a full build. */
  load(build: FullBuild): void;
  /** A page came or its content changed; `body` is its markdown body, for indexes that need it. */
  upsert(page: IndexedPage, body: string): void;
  /** The page at `rel` went away; `page` is its last indexed record. */
  remove(rel: string, page: IndexedPage): void;
}
