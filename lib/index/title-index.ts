import MiniSearch from 'minisearch';
import type { DerivedIndex, FullBuild } from './derived-index.js';
import type { IndexedPage } from './indexed-page.js';

/**
 * Fuzzy and prefix matching over titles, tags and file stems only. Bodies stay out: MiniSearch
 * over 10k bodies costs ~12 s and ~240 MB, while FTS5 already covers them.
 */
interface TitleDoc {
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

export class TitleIndex implements DerivedIndex {
  readonly name = 'title index';
  private search = createSearch();

  get size(): number {
    return this.search.documentCount;
  }

  load(build: FullBuild): void {
    this.search = createSearch();
    this.bulkLoad(build.pages);
  }

  bulkLoad(pages: Iterable<IndexedPage>): void {
    this.search.addAll([...pages].map(toDoc));
  }

  upsert(page: IndexedPage): void {
    if (this.search.has(page.rel)) this.search.replace(toDoc(page));
    else this.search.add(toDoc(page));
  }

  remove(rel: string): void {
    if (this.search.has(rel)) this.search.discard(rel);
  }

  /** Best matches within the given scope keys (`<workspace>/<project>`), or everywhere for null. */
  query(text: string, scopeKeys: string[] | null, limit: number): TitleMatch[] {
    if (text.trim() === '') return [];
    // A rel starts with its `<workspace>/<project>/` scope key.
    const inScope = scopeKeys === null ? null : (rel: string) => scopeKeys.some((key) => rel.startsWith(`${key}/`));
    const results = this.search.search(text, {
      filter: inScope === null ? undefined : (result) => inScope(String(result.id)),
    });
    return results.slice(0, limit).map((r) => ({ rel: String(r.id), score: r.score, matchedTerms: r.queryTerms.length }));
  }
}

function createSearch(): MiniSearch<TitleDoc> {
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

function toDoc(page: IndexedPage): TitleDoc {
  const stem = page.path.replace(/\.md$/, '').split('/').pop() ?? '';
  return {
    rel: page.rel,
    title: page.title,
    aliases: [stem.replace(/[-_.]+/g, ' '), ...page.tags].join(' '),
  };
}
