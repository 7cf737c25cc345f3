import { availableParallelism } from 'node:os';
import type { DerivedIndex, FullBuild } from './derived-index.js';
import type { IndexedPage } from './indexed-page.js';
import { LocalTitles } from './local-titles.js';
import { TitleWorkerClient, TitleWorkerFailed } from './title-worker-client.js';
import type { TitleMatch } from './title-search.js';

export type { TitleMatch } from './title-search.js';

/**
 * A full load of at least this many pages is indexed in the title worker. Below it the ~0.3 s
 * of inserts at 10k pages cost less than a thread's start and a question's hop to it.
 */
const WORKER_FROM = 20_000;
/** A saved catalog this large (~20k pages at ~1.2 KB each) is read by the worker itself at a warm start. */
const PRELOAD_FROM_BYTES = 24 * 1024 * 1024;

export interface TitleIndexOptions {
  /**
   * Every page the index holds now (the catalog, which is updated before its derived indexes):
   * what this thread rebuilds from if the worker fails. Without it no worker is used.
   */
  currentPages?: () => Iterable<IndexedPage>;
  /** Full loads of at least this many pages go to the worker (tests lower it; Infinity: never). */
  workerFrom?: number;
  /** Saved catalogs of at least this many bytes are preloaded by the worker (tests lower it). */
  preloadFromBytes?: number;
}

/**
 * Fuzzy and prefix matching over titles, tags and file stems (title-search.ts). A large wiki's
 * index lives in a worker thread, so the ~1.3 s of MiniSearch inserts of a 50k-page warm start
 * run on the other core while this thread decodes the catalog, loads the link graph and scans
 * the files; a question then waits for the worker's answer, behind every change made before
 * it. A smaller one is added on this thread a slice per turn of the event loop (local-titles.ts).
 * Either way answers are never partial. If the worker fails, this thread rebuilds the index from
 * the current pages and carries on.
 */
export class TitleIndex implements DerivedIndex {
  readonly name = 'title index';
  private readonly local = new LocalTitles();
  private worker: TitleWorkerClient | null = null;
  /** The saved catalog the worker was asked to read for the next full load, if any. */
  private preloaded: string | null = null;

  private readonly workerFrom: number;

  constructor(private readonly options: TitleIndexOptions = {}) {
    // With a single core the worker's inserts would only take turns with this thread's work.
    this.workerFrom = options.currentPages === undefined ? Infinity : (options.workerFrom ?? (availableParallelism() > 1 ? WORKER_FROM : Infinity));
  }

  /** True while the worker holds the index (a diagnostic, and what tests check). */
  get inWorker(): boolean {
    return this.worker !== null;
  }

  get size(): number {
    return this.use((backend) => backend.size);
  }

  /**
   * A warm start is about to read a saved catalog of this size: if `preload` will take it, the
   * worker starts now (its thread and modules, ~0.1 s) while this thread opens the database and
   * reads the catalog, and is ready to decode when the bytes come.
   */
  prepare(catalogBytes: number): void {
    if (this.workerFrom === Infinity || catalogBytes < (this.options.preloadFromBytes ?? PRELOAD_FROM_BYTES)) return;
    this.worker ??= new TitleWorkerClient();
  }

  /**
   * A warm start read a saved catalog and is about to decode it: a large one is decoded by the
   * worker too (its bytes are shared, not copied), so its index is built while this thread
   * decodes, links and scans. `load` adopts it when it installs the pages of that very file.
   */
  preload(file: string, bytes: Uint8Array): void {
    if (this.workerFrom === Infinity || bytes.byteLength < (this.options.preloadFromBytes ?? PRELOAD_FROM_BYTES)) return;
    this.worker ??= new TitleWorkerClient();
    this.worker.loadCatalog(bytes);
    this.preloaded = file;
  }

  load(build: FullBuild): void {
    if (this.worker !== null && this.preloaded !== null) {
      if (build.catalogFile === this.preloaded) {
        this.preloaded = null;
        this.local.load([]);
        // Same file, same decoder: a different count means something went wrong, and the next use rebuilds here.
        this.worker.expect(build.pages.length);
        return;
      }
      // A rebuild drops the old pages right before it installs the preloaded catalog (IndexState.release).
      if (build.pages.length === 0) {
        this.local.load([]);
        return;
      }
      this.preloaded = null;
    }
    if (build.pages.length >= this.workerFrom) {
      this.worker ??= new TitleWorkerClient();
      this.local.load([]);
      this.worker.load(build.pages);
      return;
    }
    // Small again (a rebuild, a test): the worker's memory goes with it.
    this.worker?.close();
    this.worker = null;
    this.local.load(build.pages);
  }

  upsert(page: IndexedPage): void {
    this.use((backend) => backend.upsert(page));
  }

  remove(rel: string): void {
    this.use((backend) => backend.remove(rel));
  }

  /** Best matches within the given scope keys (`<workspace>/<project>`), or everywhere for null. */
  query(text: string, scopeKeys: string[] | null, limit: number): TitleMatch[] {
    if (text.trim() === '') return [];
    return this.use((backend) => backend.query(text, scopeKeys, limit));
  }

  /**
   * The same question as `query`, asked now and answered when the returned function is called:
   * a worker searches on the other core meanwhile. On this thread the search runs when the
   * answer is taken. Asked and taken with no change in between (search does both in one
   * synchronous run), the answer is what `query` returns at either moment.
   */
  ask(text: string, scopeKeys: string[] | null, limit: number): () => TitleMatch[] {
    const worker = this.worker;
    if (text.trim() === '' || worker === null) return () => this.query(text, scopeKeys, limit);
    let answer: () => TitleMatch[];
    try {
      answer = worker.begin(text, scopeKeys, limit);
    } catch (error) {
      if (!(error instanceof TitleWorkerFailed)) throw error;
      return () => this.query(text, scopeKeys, limit);
    }
    return () => {
      try {
        return answer();
      } catch (error) {
        if (!(error instanceof TitleWorkerFailed)) throw error;
        // As `use` recovers; the question is asked again of whatever holds the index now.
        if (this.worker === worker) this.dropWorker();
        return this.query(text, scopeKeys, limit);
      }
    };
  }

  /** Stops the worker, if any. */
  close(): void {
    this.worker?.close();
    this.worker = null;
  }

  private use<T>(work: (backend: LocalTitles | TitleWorkerClient) => T): T {
    if (this.worker === null) return work(this.local);
    try {
      return work(this.worker);
    } catch (error) {
      if (!(error instanceof TitleWorkerFailed)) throw error;
      this.dropWorker();
      return work(this.local);
    }
  }

  /** The worker failed: this thread rebuilds from the catalog, which already holds every change, including the one being made. */
  private dropWorker(): void {
    this.worker?.close();
    this.worker = null;
    this.local.loadNow([...this.options.currentPages!()]);
  }
}
