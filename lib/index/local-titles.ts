import type { IndexedPage } from './indexed-page.js';
import { createTitleSearch, removeTitle, searchTitles, toTitleDoc, upsertTitle, type TitleMatch, type TitleSearch } from './title-search.js';

/** Pages added per turn of the event loop while a full load finishes in the background. */
const SLICE = 2000;

/**
 * The title index held on the main thread (title-index.ts). A full load adds its pages a slice
 * per turn of the event loop, so its CPU overlaps the file scan and watcher start that follow
 * it, which mostly wait on the disk. Any use of the index before it is done (a query, a change)
 * first adds the rest at once: answers are never partial.
 */
export class LocalTitles {
  private search = createTitleSearch();
  /** Pages of the last full load not added yet: pending[next..]. */
  private pending: readonly IndexedPage[] = [];
  private next = 0;
  private scheduled: NodeJS.Immediate | null = null;

  get size(): number {
    return this.ready().documentCount;
  }

  load(pages: readonly IndexedPage[]): void {
    this.search = createTitleSearch();
    this.pending = pages;
    this.next = 0;
    this.schedule();
  }

  /** A full load done before returning. */
  loadNow(pages: readonly IndexedPage[]): void {
    this.load(pages);
    this.ready();
  }

  upsert(page: IndexedPage): void {
    upsertTitle(this.ready(), toTitleDoc(page));
  }

  remove(rel: string): void {
    removeTitle(this.ready(), rel);
  }

  query(text: string, scopeKeys: string[] | null, limit: number): TitleMatch[] {
    return searchTitles(this.ready(), text, scopeKeys, limit);
  }

  /** The index with every page of the last full load in it. */
  private ready(): TitleSearch {
    if (this.next < this.pending.length) this.addPending(this.pending.length);
    return this.search;
  }

  private addPending(count: number): void {
    const end = Math.min(this.pending.length, this.next + count);
    for (let i = this.next; i < end; i++) this.search.add(toTitleDoc(this.pending[i]!));
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
