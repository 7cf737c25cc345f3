import type { IndexStatus } from '../core/contract.js';
import type { Logger } from '../core/logger.js';
import { plainText } from '../core/markdown.js';
import type { Scope } from '../core/paths.js';
import type { GitRepo } from '../store/git-repo.js';
import type { FileInfo, WikiFiles } from '../store/wiki-files.js';
import { Catalog } from './catalog.js';
import { buildInChild } from './build-in-child.js';
import { changesBetween, fingerprints, isLargeBurst } from './burst.js';
import { createFtsStore, ftsRow, SCHEMA_VERSION, type FtsStore } from './fts-store.js';
import { HistoryIndex } from './history-index.js';
import type { IndexedPage } from './indexed-page.js';
import { LinkGraph } from './link-graph.js';
import { buildIndex, type BuiltIndex, type Progress } from './index-build.js';
import { contentHash, fileIdentity, parseWikiFile } from './parse-file.js';
import { clearIndexDir, loadHistory, newDatabaseFile, newGeneration, openPersisted, removeStale, saveCatalog, saveHistory } from './persist.js';
import { openSqlDatabase } from './sql-engine.js';
import { TitleIndex } from './title-index.js';
import { vocabularyTargets, writeVocabulary } from './vocabulary.js';

export interface MemoryIndexDeps {
  files: WikiFiles;
  git: GitRepo;
  indexDir: string;
  logger: Logger;
  /** Quiet period before the index is written to disk; 0 writes after every change. */
  persistDelayMs: number;
  /**
   * Wikis with at least this many markdown files are fully built in a child process (default
   * 1,000); a smaller build costs less memory than starting a process takes time.
   */
  buildInChildFrom?: number;
  /** Apply a burst of at least this many changed files (default 2,000) by a rebuild (burst.ts). */
  burstRebuildFrom?: number;
}

const BUILD_IN_CHILD_FROM = 1000;
/** From this size on, a few changed pages wait LARGE_WIKI_PERSIST_MS before the catalog is saved. */
const LARGE_WIKI_PAGES = 5000;
const LARGE_WIKI_PERSIST_MS = 10 * 60_000;

/** No usable persisted index (missing, older schema): a normal reason to build, not corruption. */
class NoImage extends Error {}
class SmallWiki extends Error {}

export type { Progress } from './index-build.js';

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
  /**
   * After a cold start built in the child: the files that differ from git's HEAD, which the
   * child goes on checking after the index is served (undefined if it could not tell).
   */
  uncommittedAtStart: Promise<string[] | undefined> | null = null;
  private fts!: FtsStore;
  private nextId = 1;
  private lock: Promise<unknown> = Promise.resolve();
  private dirty = false;
  private changesSinceImage = 0;
  private persistTimer: NodeJS.Timeout | undefined;
  private persistDueAt = 0;
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
      const { uncommitted } = await index.exclusive(() => index.rebuildNow(progress, { uncommitted: true }));
      index.uncommittedAtStart = uncommitted ?? null;
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
    return this.exclusive(() => this.applyPaths(unique));
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
      return this.applyPaths([...stale, ...gone]);
    });
  }

  /**
   * Throws the index away and builds it again from the files. The build runs in a child process
   * that writes a new database file and catalog and exits, and this process opens them as on a
   * warm start: the build's peak memory (and its WebAssembly heap, which never shrinks) goes
   * away with the child. Only when no child can run is the index built here.
   */
  rebuild(progress?: Progress): Promise<{ pages: number; ms: number }> {
    return this.exclusive(async () => {
      const result = await this.rebuildNow(progress);
      this.start = 'cold';
      return result;
    });
  }

  private async rebuildNow(progress?: Progress, options: { uncommitted?: boolean } = {}): Promise<{ pages: number; ms: number; uncommitted?: Promise<string[] | undefined> }> {
    const started = performance.now();
    const { indexDir, logger, files } = this.deps;
    let pages: number;
    let uncommitted: Promise<string[] | undefined> | undefined;
    const inChild = (await files.scan()).length >= (this.deps.buildInChildFrom ?? BUILD_IN_CHILD_FROM);
    let database = await newDatabaseFile(indexDir);
    try {
      if (!inChild) throw new SmallWiki();
      if (database === null) throw new Error(`cannot write the index directory ${indexDir}`);
      const built = await buildInChild({ wikiDir: files.root, indexDir, database, schema: SCHEMA_VERSION, uncommitted: options.uncommitted }, logger, progress);
      uncommitted = built.uncommitted;
      pages = await this.loadPersisted();
      if (pages !== built.pages) throw new Error(`the persisted index holds ${pages} pages, the build reported ${built.pages}`);
      // What is open is what the meta names: nothing to persist until the next change.
      this.dirty = false;
      this.changesSinceImage = 0;
    } catch (error) {
      if (!(error instanceof SmallWiki)) logger.warn(`index: ${(error as Error).message}; building in the server process instead`);
      database = await newDatabaseFile(indexDir);
      if (database === null) logger.warn(`index: cannot write ${indexDir}; the index is held in memory and rebuilt at every start`);
      const built = await buildIndex(files, logger, database, progress);
      this.install(built);
      pages = built.catalog.size;
      this.markDirty(pages);
    }
    await removeStale(indexDir, this.fts.db.file);
    const ms = Math.round(performance.now() - started);
    this.lastRebuild = { at: new Date().toISOString(), ms };
    this.notify();
    return { pages, ms, ...(uncommitted ? { uncommitted } : {}) };
  }

  /** `apply`, or for a large burst a rebuild in the build child (see burst.ts). */
  private async applyPaths(rels: string[]): Promise<ApplyResult> {
    if (!isLargeBurst(rels.length, this.catalog.size, this.deps.burstRebuildFrom)) return this.applyNow(rels);
    const before = fingerprints(this.catalog, this.manifestFiles);
    this.deps.logger.info(`index: ${rels.length} files changed at once; rebuilding instead of applying them one by one`);
    await this.rebuildNow();
    const { updated, removed } = changesBetween(before, fingerprints(this.catalog, this.manifestFiles));
    return { updated, removed, revision: this.revision };
  }

  /** Rebuilds the commit history index from the whole git log. */
  async rebuildHistory(): Promise<void> {
    this.history.load({ version: 1, head: null, commits: {}, paths: {} });
    await this.history.update();
    // Saved on its own: marking the index dirty would save the whole catalog again right after
    // a rebuild that saved it.
    await this.exclusive(() => saveHistory(this.deps.indexDir, this.history.snapshot()));
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
      this.changesSinceImage = 0;
      const { indexDir } = this.deps;
      // The database file is already up to date; the catalog is saved beside it. An index held
      // in memory has no writable index dir to save anything to.
      const database = this.fts.db.file;
      if (database === null) return;
      const generation = newGeneration();
      const saved = await saveCatalog(indexDir, SCHEMA_VERSION, database, await this.catalog.serialize(this.manifestFiles), generation);
      this.fts.markSaved(generation);
      this.persistedAt = saved.savedAt;
      await removeStale(indexDir, database);
      await saveHistory(indexDir, this.history.snapshot());
    });
  }

  async close(): Promise<void> {
    await this.persist();
    this.fts.db.close();
  }

  private async tryWarmStart(): Promise<boolean> {
    const started = performance.now();
    try {
      const pages = await this.loadPersisted();
      await removeStale(this.deps.indexDir, this.fts.db.file);
      this.start = 'warm';
      this.deps.logger.info(`index: warm start with ${pages} pages in ${Math.round(performance.now() - started)} ms`);
      return true;
    } catch (error) {
      if (error instanceof NoImage) {
        this.deps.logger.info(`index: ${error.message}; building it from the wiki`);
      } else {
        this.deps.logger.warn(`index: persisted index is corrupt (${(error as Error).message}); rebuilding`);
        await clearIndexDir(this.deps.indexDir);
      }
      return false;
    }
  }

  /**
   * Opens the persisted index (the database file and its catalog) in place of the current one;
   * returns its page count. A database changed after its catalog was saved (the server was
   * killed) is checked, and may hold rows of pages the catalog does not know: they are dropped,
   * and the reconcile that follows a warm start re-reads every page changed since.
   */
  private async loadPersisted(): Promise<number> {
    const persisted = await openPersisted(this.deps.indexDir, SCHEMA_VERSION);
    if (!persisted.ok) throw new NoImage(persisted.reason);
    const db = openSqlDatabase(persisted.database, { mustExist: true });
    try {
      const fts = createFtsStore(db);
      if (fts.getMeta('schema') !== String(SCHEMA_VERSION)) throw new Error('schema marker missing');
      const { catalog, manifestFiles } = Catalog.deserialize(await persisted.readCatalog());
      const matches = fts.savedGeneration() === persisted.generation;
      if (!matches) {
        // The server stopped without saving: perhaps the machine lost power in a write, which
        // (without fsync) can tear the file. Reading it all once costs far less than a rebuild.
        const damage = fts.damage();
        if (damage !== null) throw new Error(`the database failed its integrity check (${damage})`);
        const dropped = fts.keepOnly(new Set([...catalog.all()].map((page) => page.id)));
        this.deps.logger.info(`index: the last server did not save its catalog; dropped ${dropped} pages unknown to it, re-reading changed files`);
      }
      this.install({ fts, catalog, manifestFiles, nextId: catalog.maxId() + 1 });
      if (!matches) this.markDirty();
    } catch (error) {
      db.close();
      throw error;
    }
    this.persistedAt = persisted.savedAt;
    return this.catalog.size;
  }

  private install(built: Pick<BuiltIndex, 'fts' | 'catalog' | 'manifestFiles' | 'nextId'>): void {
    const previous = this.fts as FtsStore | undefined;
    this.fts = built.fts;
    this.catalog.replaceWith(built.catalog);
    for (const manifest of built.catalog.allManifests()) this.catalog.setManifest(manifest);
    this.manifestFiles.clear();
    for (const [rel, file] of built.manifestFiles) this.manifestFiles.set(rel, file);
    const pages = [...this.catalog.all()];
    this.graph = new LinkGraph();
    this.graph.bulkLoad(pages);
    this.titles = new TitleIndex();
    this.titles.bulkLoad(pages);
    this.nextId = built.nextId;
    previous?.db.close();
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
    if (updated.length > 0 || removed.length > 0) this.bump(updated.length + removed.length);
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

  private bump(changes: number): void {
    this.notify();
    this.markDirty(changes);
  }

  /** A new revision for waiters and listeners. */
  private notify(): void {
    this.revision += 1;
    const ready = this.waiters.filter((w) => w.revision <= this.revision);
    this.waiters = this.waiters.filter((w) => w.revision > this.revision);
    for (const waiter of ready) waiter.resolve();
    for (const listener of this.changeListeners) listener();
  }

  /** `changes`: how many pages the change touched (0 for a new stat of the same content). */
  private markDirty(changes = 0): void {
    this.dirty = true;
    this.changesSinceImage += changes;
    const dueAt = Date.now() + this.persistDelay();
    if (this.persistTimer && this.persistDueAt <= dueAt) return;
    clearTimeout(this.persistTimer);
    this.persistDueAt = dueAt;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      this.persist().catch((error: unknown) => this.deps.logger.error(`index: could not persist: ${(error as Error).message}`));
    }, dueAt - Date.now());
    this.persistTimer.unref();
  }

  /**
   * The database file is written as pages change; saving writes the whole catalog (about 1.7 MB
   * a thousand pages, serialized on this thread). A large wiki therefore saves it after a few
   * changed pages only after a long quiet period or at shutdown; a catalog that lags behind is
   * still correct, because a warm start re-reads every file whose size or times changed.
   */
  private persistDelay(): number {
    const pages = this.catalog.size;
    if (pages < LARGE_WIKI_PAGES || this.changesSinceImage >= pages * 0.02) return this.deps.persistDelayMs;
    return Math.max(this.deps.persistDelayMs, LARGE_WIKI_PERSIST_MS);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.lock.then(work);
    this.lock = result.catch(() => undefined);
    return result;
  }
}
