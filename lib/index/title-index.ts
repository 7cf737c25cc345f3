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

/** Pages added per turn of the event loop while a full load finishes in the background. */
const SLICE = 2000;

/**
 * A full load (a warm start, a rebuild) adds its pages a slice per turn of the event loop, so
 * the ~2.7 s of CPU it takes at 50k pages overlaps the file scan and watcher start that follow
 * it, which mostly wait on the disk. Any use of the index before it is done (a query, a change)
 * first adds the rest at once: answers are never partial.
 */
export class TitleIndex implements DerivedIndex {
  readonly name = 'title index';
  private search = createSearch();
  /** Pages of the last full load not added yet: pending[next..]. */
  private pending: readonly IndexedPage[] = [];
  private next = 0;
  private scheduled: NodeJS.Immediate | null = null;

  get size(): number {
    return this.ready().documentCount;
  }

  load(build: FullBuild): void {
    this.search = createSearch();
    this.pending = build.pages;
    this.next = 0;
    this.schedule();
  }

  bulkLoad(pages: Iterable<IndexedPage>): void {
    this.ready().addAll([...pages].map(toDoc));
  }

  upsert(page: IndexedPage): void {
    const search = this.ready();
    if (search.has(page.rel)) search.replace(toDoc(page));
    else search.add(toDoc(page));
  }

  remove(rel: string): void {
    const search = this.ready();
    if (search.has(rel)) search.discard(rel);
  }

  /** Best matches within the given scope keys (`<workspace>/<project>`), or everywhere for null. */
  query(text: string, scopeKeys: string[] | null, limit: number): TitleMatch[] {
    if (text.trim() === '') return [];
    // A rel starts with its `<workspace>/<project>/` scope key.
    const inScope = scopeKeys === null ? null : (rel: string) => scopeKeys.some((key) => rel.startsWith(`${key}/`));
    const results = this.ready().search(text, {
      filter: inScope === null ? undefined : (result) => inScope(String(result.id)),
    });
    return results.slice(0, limit).map((r) => ({ rel: String(r.id), score: r.score, matchedTerms: r.queryTerms.length }));
  }

  /** The index with every page of the last full load in it. */
  private ready(): MiniSearch<TitleDoc> {
    if (this.next < this.pending.length) this.addPending(this.pending.length);
    return this.search;
  }

  private addPending(count: number): void {
    const end = Math.min(this.pending.length, this.next + count);
    for (let i = this.next; i < end; i++) this.search.add(toDoc(this.pending[i]!));
    this.next = end;
    if (end === this.pending.length) {
      this.pending = [];
      this.next = 0;
    }
  }

  private schedule(): void {
    if (this.scheduled !== null || this.next >= this.pending.length) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = null;
      this.addPending(SLICE);
      this.schedule();
    });
    // Never what keeps a process alive: whatever is left is added when the index is used.
    this.scheduled.unref();
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
