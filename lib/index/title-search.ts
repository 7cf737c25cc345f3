import MiniSearch from 'minisearch';
import type { PageHead } from './catalog-codec.js';

/**
 * The MiniSearch index behind TitleIndex: fuzzy and prefix matching over titles, tags and file
 * stems only. Bodies stay out: MiniSearch over 10k bodies costs ~12 s and ~240 MB, while FTS5
 * already covers them. Shared by the index held on the main thread and the one held in the
 * title worker (title-worker.ts), so both answer alike.
 */
export interface TitleDoc {
  rel: string;
  title: string;
  aliases: string;
}

export interface TitleMatch {
  rel: string;
  score: number;
  /** How many of the query's words this title matched (exactly, by prefix or fuzzily). */
  matchedTerms: number;
}

export type TitleSearch = MiniSearch<TitleDoc>;

export function createTitleSearch(): TitleSearch {
  return new MiniSearch<TitleDoc>({
    idField: 'rel',
    fields: ['title', 'aliases'],
    // Fuzzy matching is what makes this index costly; short words match exactly or by prefix.
    searchOptions: {
      boost: { title: 2 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      maxFuzzy: 1,
      combineWith: 'OR',
    },
  });
}

export function toTitleDoc(page: PageHead): TitleDoc {
  const stem = page.path.replace(/\.md$/, '').split('/').pop() ?? '';
  return {
    rel: page.rel,
    title: page.title,
    aliases: [stem.replace(/[-_.]+/g, ' '), ...page.tags].join(' '),
  };
}

/** Adds a page, or replaces the one with its rel. */
export function upsertTitle(search: TitleSearch, doc: TitleDoc): void {
  if (search.has(doc.rel)) search.replace(doc);
  else search.add(doc);
}

export function removeTitle(search: TitleSearch, rel: string): void {
  if (search.has(rel)) search.discard(rel);
}

/** Best matches within the given scope keys (`<workspace>/<project>`), or everywhere for null. */
export function searchTitles(search: TitleSearch, text: string, scopeKeys: readonly string[] | null, limit: number): TitleMatch[] {
  if (text.trim() === '') return [];
  // A rel starts with its `<workspace>/<project>/` scope key.
  const inScope = scopeKeys === null ? null : (rel: string) => scopeKeys.some((key) => rel.startsWith(`${key}/`));
  const results = search.search(text, {
    filter: inScope === null ? undefined : (result) => inScope(String(result.id)),
  });
  return results.slice(0, limit).map((r) => ({ rel: String(r.id), score: r.score, matchedTerms: r.queryTerms.length }));
}
