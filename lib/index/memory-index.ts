import type { IndexStatus } from '../core/contract.js';
import type { Logger } from '../core/logger.js';
import { plainText } from '../core/markdown.js';
import type { Scope } from '../core/paths.js';
import type { GitRepo } from '../store/git-repo.js';
import type { FileInfo, WikiFiles } from '../store/wiki-files.js';
import { Catalog } from './catalog.js';
import { createFtsBuilder } from './fts-builder.js';
import { createFtsStore, ftsRow, SCHEMA_VERSION, type FtsStore } from './fts-store.js';
import { HistoryIndex } from './history-index.js';
import type { IndexedPage } from './indexed-page.js';
import { LinkGraph } from './link-graph.js';
import { contentHash, fileIdentity, parseWikiFile, type ParsedFile } from './parse-file.js';
import { clearIndexDir, loadHistory, openImage, saveHistory, saveImage } from './persist.js';
import { openSqlDatabase } from './sql-engine.js';
import { TitleIndex } from './title-index.js';
import { pagesWithVocabulary, vocabularyTargets, writeVocabulary } from './vocabulary.js';

export interface MemoryIndexDeps {
  files: WikiFiles;
  git: GitRepo;
  indexDir: string;
  logger: Logger;
  /** Quiet period before the index is written to disk; 0 writes after every change. */
  persistDelayMs: number;
}

export type Progress = (done: number, total: number) => void;

export interface ApplyResult {
  updated: string[];
  removed: string[];
  revision: number;
}

const READ_BATCH = 64;

/**
 * The derived, disposable state: FTS5 database, catalog, link graph, title index and history
 * index. There is one way in, `apply(rels)`, used by the write path (read-your-writes), the
 * watcher and reconcile scans alike; `rebuild` starts from nothing. Every change bumps
 * `revision`, which tests and status use instead of sleeping.
 */
export class MemoryIndex {
  readonly catalog = new Catalog();
  readonly history: HistoryIndex;
  graph = new LinkGraph();
  titles = new TitleIndex();
  revision = 0;
  /**
   * Pages that changed on disk while no server was running, found by the warm start's
   * reconcile; null after a cold start, when the index cannot know.
   */
  startupChanges: string[] | null = null;
  private fts!: FtsStore;
  private nextId = 1;
  private lock: Promise<unknown> = Promise.resolve();
  private dirty = false;
  private persistTimer: NodeJS.Timeout | undefined;
  private persistedAt: string | undefined;
  private start: IndexStatus['start'] = 'cold';
  private lastRebuild: { at: string; ms: number } | undefined;
  private waiters: Array<{ revision: number; resolve: () => void }> = [];
  private readonly changeListeners = new Set<() => void>();
  /** File identities of project manifests, which are not pages but are watched like them. */
  private readonly manifestFiles = new Map<string, IndexedPage['file']>();

  private constructor(private readonly deps: MemoryIndexDeps) {
    this.history = new HistoryIndex(deps.git);
  }

  /** Loads the persisted index when it is intact, else rebuilds; then catches up with the files. */
  static async open(deps: MemoryIndexDeps, progress?: Progress): Promise<MemoryIndex> {
    const index = new MemoryIndex(deps);
    if (await index.tryWarmStart()) {
      const changes = await index.reconcile();
      index.startupChanges = [...changes.updated, ...changes.removed];
    } else {
      await index.rebuild(progress);
    }
    const history = await loadHistory(deps.indexDir);
    if (history) index.history.load(history);
    return index;
  }

  get fullText(): FtsStore {
    return this.fts;
  }

  status(): IndexStatus {
    const status: IndexStatus = {
      pages: this.catalog.size,
      revision: this.revision,
      start: this.start,
      history_ready: this.history.knownHead !== null,
    };
    if (this.lastRebuild) {
      status.last_rebuild_at = this.lastRebuild.at;
      status.last_rebuild_ms = this.lastRebuild.ms;
    }
    if (this.persistedAt) status.persisted_at = this.persistedAt;
    return status;
  }

  pagesIn(scope: Scope): IndexedPage[] {
    return this.catalog.inScope(scope);
  }

  /** Re-reads the given wiki-relative paths and brings every derived structure up to date. */
  apply(rels: Iterable<string>): Promise<ApplyResult> {
    const unique = [...new Set(rels)];
    return this.exclusive(() => this.applyNow(unique));
  }

  /** Compares every file on disk (or under one folder) with the index and applies the differences. */
  reconcile(under = ''): Promise<ApplyResult> {
    return this.exclusive(async () => {
      const files = await this.deps.files.scan(under);
      const onDisk = new Set(files.map((f) => f.rel));
      const inside = (rel: string) => under === '' || rel.startsWith(`${under}/`);
      const known = [...this.catalog.rels(), ...this.manifestFiles.keys()];
      const stale = files.filter((f) => this.isStale(f)).map((f) => f.rel);
      const gone = known.filter((rel) => inside(rel) && !onDisk.has(rel));
      return this.applyNow([...stale, ...gone]);
    });
  }

  /**
   * Throws the index away and builds it again from the files. Files are read ahead while the
   * previous batch is parsed, and FTS5 insertion runs in a worker thread, so the three overlap.
   */
  rebuild(progress?: Progress): Promise<{ pages: number; ms: number }> {
    return this.exclusive(async () => {
      const started = performance.now();
      const files = await this.deps.files.scan();
      const builder = createFtsBuilder(this.deps.logger);
      const catalog = new Catalog();
      const manifests: Array<Extract<ParsedFile, { type: 'manifest' }>> = [];
      let nextId = 1;
      const id = () => nextId++;
      for (let start = 0; start < files.length; start += READ_BATCH) {
        // Synchronous reads: ~10 µs a page against ~70 µs through fs/promises, and a batch
        // blocks the event loop for about a millisecond at most.
        const texts = files.slice(start, start + READ_BATCH).map((f) => this.deps.files.readNow(f.rel));
        texts.forEach((text, i) => {
          if (text === null) return;
          const parsed = parseWikiFile(files[start + i]!, text, id);
          if (parsed?.type === 'page') {
            catalog.set(parsed.page);
            builder.add(parsed.page, parsed.body);
          } else if (parsed?.type === 'manifest') {
            manifests.push(parsed);
          }
        });
        progress?.(Math.min(files.length, start + READ_BATCH), files.length);
        // Let the event loop breathe between batches (signals, a reindex's progress stream).
        await new Promise((resolve) => setImmediate(resolve));
      }
      const parsedAt = performance.now();
      const pages = [...catalog.all()];
      const graph = new LinkGraph();
      graph.bulkLoad(pages);
      const titles = new TitleIndex();
      titles.bulkLoad(pages);
      const linkedAt = performance.now();
      const fts = await builder.finish();
      // Link words describe their target, known only once every page is in the graph.
      fts.db.transaction(() => writeVocabulary(fts, catalog, graph, pagesWithVocabulary(pages, graph)));
      const doneAt = performance.now();
      this.deps.logger.info(
        `index: rebuilt ${pages.length} pages in ${Math.round(doneAt - started)} ms ` +
          `(read+parse ${Math.round(parsedAt - started)}, links+titles ${Math.round(linkedAt - parsedAt)}, waiting for full-text ${Math.round(doneAt - linkedAt)})`,
      );

      const previous = this.fts as FtsStore | undefined;
      this.fts = fts;
      this.catalog.replaceWith(catalog);
      this.manifestFiles.clear();
      for (const m of manifests) {
        this.catalog.setManifest(m.manifest);
        this.manifestFiles.set(m.rel, m.file);
      }
      this.graph = graph;
      this.titles = titles;
      this.nextId = nextId;
      previous?.db.close();
      const ms = Math.round(performance.now() - started);
      this.lastRebuild = { at: new Date().toISOString(), ms };
      this.start = 'cold';
      this.bump();
      return { pages: pages.length, ms };
    });
  }

  /** Rebuilds the commit history index from the whole git log. */
  async rebuildHistory(): Promise<void> {
    this.history.load({ version: 1, head: null, commits: {}, paths: {} });
    await this.history.update();
    this.markDirty();
  }

  waitForRevision(revision: number, timeoutMs = 5000): Promise<void> {
    if (this.revision >= revision) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`index did not reach revision ${revision} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        revision,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Calls `listener` after every change to the indexed pages; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Writes the index to disk now if it changed since the last write. */
  persist(): Promise<void> {
    return this.exclusive(async () => {
      clearTimeout(this.persistTimer);
      this.persistTimer = undefined;
      if (!this.dirty) return;
      this.dirty = false;
      this.persistedAt = await saveImage(this.deps.indexDir, SCHEMA_VERSION, {
        database: this.fts.db.export(),
        catalog: this.catalog.serialize(this.manifestFiles),
      });
      await saveHistory(this.deps.indexDir, this.history.snapshot());
    });
  }

  async close(): Promise<void> {
    await this.persist();
    this.fts.db.close();
  }

  private async tryWarmStart(): Promise<boolean> {
    const started = performance.now();
    const image = await openImage(this.deps.indexDir, SCHEMA_VERSION);
    if (!image.ok) {
      this.deps.logger.info(`index: ${image.reason}; building it from the wiki`);
      return false;
    }
    try {
      const fts = createFtsStore(await openSqlDatabase(await image.read('database')));
      if (fts.getMeta('schema') !== String(SCHEMA_VERSION)) throw new Error('schema marker missing');
      const { catalog, manifestFiles } = Catalog.deserialize(await image.read('catalog'));
      this.catalog.replaceWith(catalog);
      for (const manifest of catalog.allManifests()) this.catalog.setManifest(manifest);
      for (const [rel, file] of manifestFiles) this.manifestFiles.set(rel, file);
      this.fts = fts;
      this.nextId = catalog.maxId() + 1;
      const pages = [...this.catalog.all()];
      this.graph.bulkLoad(pages);
      this.titles.bulkLoad(pages);
      this.persistedAt = image.savedAt;
      this.start = 'warm';
      this.deps.logger.info(`index: warm start with ${pages.length} pages in ${Math.round(performance.now() - started)} ms`);
      return true;
    } catch (error) {
      this.deps.logger.warn(`index: persisted index is corrupt (${(error as Error).message}); rebuilding`);
      this.catalog.clear();
      this.manifestFiles.clear();
      await clearIndexDir(this.deps.indexDir);
      return false;
    }
  }

  private isStale(file: FileInfo): boolean {
    const known = this.catalog.get(file.rel)?.file ?? this.manifestFiles.get(file.rel);
    return !known || known.size !== file.size || known.mtimeMs !== file.mtimeMs || known.ctimeMs !== file.ctimeMs;
  }

  private async applyNow(rels: string[]): Promise<ApplyResult> {
    const updated: string[] = [];
    const removed: string[] = [];
    // Pages whose vocabulary the change can alter: the links' targets before and after it.
    const vocabulary = new Set<string>();
    const noteVocabulary = (rel: string) => {
      for (const target of vocabularyTargets(this.catalog.get(rel), this.graph)) vocabulary.add(target);
    };
    for (let i = 0; i < rels.length; i += READ_BATCH) {
      const loaded = await Promise.all(
        rels.slice(i, i + READ_BATCH).map(async (rel) => {
          const info = await this.deps.files.info(rel);
          return { rel, info, text: info ? await this.deps.files.read(rel) : null };
        }),
      );
      this.fts.db.transaction(() => {
        for (const { rel, info, text } of loaded) {
          noteVocabulary(rel);
          const outcome = info && text !== null ? this.upsert(info, text) : this.remove(rel);
          if (outcome === 'updated') updated.push(rel);
          if (outcome === 'removed') removed.push(rel);
          noteVocabulary(rel);
        }
      });
    }
    if (updated.length > 0 || removed.length > 0) this.fts.db.transaction(() => writeVocabulary(this.fts, this.catalog, this.graph, vocabulary));
    if (updated.length > 0 || removed.length > 0) this.bump();
    return { updated, removed, revision: this.revision };
  }

  private upsert(info: FileInfo, text: string): 'updated' | 'unchanged' | 'ignored' {
    const hash = contentHash(text);
    const existing = this.catalog.get(info.rel);
    if (existing && existing.file.hash === hash) {
      // Same content, new stat (our own write echoed by the watcher, a touch): no re-parse.
      this.catalog.set({ ...existing, file: fileIdentity(info, hash) });
      this.markDirty();
      return 'unchanged';
    }
    const parsed = parseWikiFile(info, text, () => existing?.id ?? this.nextId++, hash);
    if (parsed === null) return 'ignored';
    if (parsed.type === 'manifest') {
      this.catalog.setManifest(parsed.manifest);
      this.manifestFiles.set(info.rel, parsed.file);
      return 'updated';
    }
    this.fts.upsert(ftsRow(parsed.page, plainText(parsed.body)));
    this.catalog.set(parsed.page);
    this.graph.upsert(parsed.page);
    this.titles.upsert(parsed.page);
    return 'updated';
  }

  private remove(rel: string): 'removed' | 'unchanged' {
    if (this.manifestFiles.has(rel)) {
      this.catalog.deleteManifest(rel.split('/').slice(0, 2).join('/'));
      this.manifestFiles.delete(rel);
      return 'removed';
    }
    const page = this.catalog.delete(rel);
    if (!page) return 'unchanged';
    this.fts.remove(page.id);
    this.graph.remove(rel);
    this.titles.remove(rel);
    return 'removed';
  }

  private bump(): void {
    this.revision += 1;
    const ready = this.waiters.filter((w) => w.revision <= this.revision);
    this.waiters = this.waiters.filter((w) => w.revision > this.revision);
    for (const waiter of ready) waiter.resolve();
    for (const listener of this.changeListeners) listener();
    this.markDirty();
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.persistTimer) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      this.persist().catch((error: unknown) => this.deps.logger.error(`index: could not persist: ${(error as Error).message}`));
    }, this.deps.persistDelayMs);
    this.persistTimer.unref();
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.lock.then(work);
    this.lock = result.catch(() => undefined);
    return result;
  }
}
