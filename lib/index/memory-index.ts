import { availableParallelism } from 'node:os';
import type { IndexStatus } from '../core/contract.js';
import { applyChanges } from './apply-changes.js';
import { buildInChild, type BuildOutcome } from './build-in-child.js';
import type { BuildRequest } from './build-protocol.js';
import { changesBetween, fingerprints, isLargeBurst } from './burst.js';
import { changesOnDisk } from './disk-changes.js';
import { SCHEMA_VERSION } from './fts-store.js';
import { collectGarbageNow } from './full-collection.js';
import { HistoryIndex } from './history-index.js';
import { buildIndex, type Progress } from './index-build.js';
import { NoImage, readIndexImage } from './index-image.js';
import { IndexQueries } from './index-queries.js';
import { PersistSchedule } from './persist-schedule.js';
import { clearIndexDir, newDatabaseFile, newGeneration, removeStale, saveCatalog } from './persist.js';
import { Revisions } from './revisions.js';
import { BUILD_IN_CHILD_FROM, SCAN_OFF_THREAD_FROM, type MemoryIndexDeps } from './memory-index-deps.js';
import { SavedHistory } from './saved-history.js';
import { TopRowsKeeper } from './top-rows-keeper.js';

export type { MemoryIndexDeps } from './memory-index-deps.js';

class SmallWiki extends Error {}

export type { Progress } from './index-build.js';

export interface ApplyResult {
  updated: string[];
  removed: string[];
  revision: number;
}

/**
 * The derived, disposable state: FTS5 database, catalog, link graph, title index and history
 * index, read through the queries of IndexQueries. There is one way in, `apply(rels)`, used by
 * the write path (read-your-writes), the watcher and reconcile scans alike; `rebuild` starts
 * from nothing. Every change bumps `revision`, which tests and status use instead of sleeping.
 */
export class MemoryIndex extends IndexQueries {
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
  private lock: Promise<unknown> = Promise.resolve();
  private readonly revisions = new Revisions();
  private readonly schedule: PersistSchedule;
  private persistedAt: string | undefined;
  private start: IndexStatus['start'] = 'cold';
  private lastRebuild: { at: string; ms: number } | undefined;
  private readonly savedHistory: SavedHistory;
  private readonly topRows: TopRowsKeeper;

  private constructor(private readonly deps: MemoryIndexDeps) {
    super(new HistoryIndex(deps.git));
    this.topRows = new TopRowsKeeper({ indexDir: deps.indexDir, logger: deps.logger, ...(deps.topRows !== undefined ? { options: deps.topRows } : {}) });
    this.savedHistory = new SavedHistory(this.commits, deps.indexDir);
    this.schedule = new PersistSchedule({ delayMs: deps.persistDelayMs, logger: deps.logger, pages: () => this.pageCount, persist: () => this.persist() });
  }

  /** Loads the persisted index when it is intact, else rebuilds; then catches up with the files. */
  static async open(deps: MemoryIndexDeps, progress?: Progress): Promise<MemoryIndex> {
    const index = new MemoryIndex(deps);
    // The title worker starts while the database opens and the catalog is read (TitleIndex.prepare).
    // Measured and dropped: the files scanned on a worker meanwhile. The start is bound by the
    // process's CPU on two cores (main thread, title worker, V8's helpers); a scan beside the
    // title worker moved its time into the first search's wait.
    if (await index.tryWarmStart((catalogBytes) => index.state.titles.prepare(catalogBytes))) {
      // Read while the reconcile runs; not used if it wrote a page meanwhile (computed again then).
      void index.topRows.load(index.state.fullText.store);
      const changes = await index.reconcile('', { offThread: false });
      index.startupChanges = [...changes.updated, ...changes.removed];
    } else {
      const { fromChild } = await index.exclusive(() => index.rebuildNow(progress, { uncommitted: true }));
      index.uncommittedAtStart = fromChild?.uncommitted ?? null;
    }
    index.savedHistory.loadWhenNeeded();
    return index;
  }

  get revision(): number {
    return this.revisions.current;
  }

  status(): IndexStatus {
    const status: IndexStatus = { pages: this.pageCount, revision: this.revision, start: this.start, history_ready: this.commits.knownHead !== null, top_rows: this.topRows.state() };
    if (this.lastRebuild) {
      status.last_rebuild_at = this.lastRebuild.at;
      status.last_rebuild_ms = this.lastRebuild.ms;
    }
    if (this.persistedAt) status.persisted_at = this.persistedAt;
    return status;
  }

  /** Re-reads the given wiki-relative paths and brings every derived structure up to date. */
  apply(rels: Iterable<string>): Promise<ApplyResult> {
    const unique = [...new Set(rels)];
    return this.exclusive(() => this.applyPaths(unique));
  }

  /**
   * Compares every file on disk (or under one folder) with the index and applies the
   * differences. `offThread`: whether the walk runs on a worker thread (by default for a large
   * wiki on two cores or more, see `scanOffThreadFrom`).
   */
  reconcile(under = '', options: { offThread?: boolean } = {}): Promise<ApplyResult> {
    return this.exclusive(async () => {
      const offThread = options.offThread ?? (this.state.catalog.size >= (this.deps.scanOffThreadFrom ?? SCAN_OFF_THREAD_FROM) && availableParallelism() > 1);
      const { rels, keptCopies } = await changesOnDisk(this.state, this.deps.files, under, { offThread, burstRebuildFrom: this.deps.burstRebuildFrom });
      if (keptCopies > 0) {
        this.deps.logger.info(`index: ${keptCopies} files have new change times but the content indexed (a copy or restore that kept times); not re-indexed`);
        this.schedule.markDirty();
      }
      return this.applyPaths(rels);
    });
  }

  /**
   * Throws the index away and builds it again from the files. The build runs in a child process
   * that writes a new database file and catalog and exits, and this process opens them as on a
   * warm start: the build's peak memory (and its WebAssembly heap, which never shrinks) goes
   * away with the child. Only when no child can run is the index built here. `history` also
   * rebuilds the commit history index from the whole git log, in the child when it runs.
   */
  async rebuild(progress?: Progress, options: { history?: boolean } = {}): Promise<{ pages: number; ms: number }> {
    const { pages, ms, fromChild } = await this.exclusive(async () => {
      const result = await this.rebuildNow(progress, { history: options.history });
      this.start = 'cold';
      return result;
    });
    // Outside the lock, as `rebuildHistory`: writes need not wait for the history walk.
    // The history the build child walked and saved (see BuildRequest.history), or a walk here.
    if (options.history && !(await this.savedHistory.adoptFromChild(fromChild?.history))) await this.rebuildHistory();
    return { pages, ms };
  }

  /** Rebuilds the commit history index from the whole git log. */
  async rebuildHistory(): Promise<void> {
    this.commits.load({ version: 1, head: null, commits: {}, paths: {} });
    await this.commits.update();
    // Saved on its own: marking the index dirty would save the whole catalog again right after
    // a rebuild that saved it.
    await this.exclusive(() => this.savedHistory.saveIfMoved());
  }

  waitForRevision(revision: number, timeoutMs = 5000): Promise<void> {
    return this.revisions.waitFor(revision, timeoutMs);
  }

  /** Calls `listener` after every change to the indexed pages; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    return this.revisions.onChange(listener);
  }

  /** Writes the index to disk now if it changed since the last write. */
  persist(): Promise<void> {
    return this.exclusive(async () => {
      const catalogDue = this.schedule.takeDue();
      if (!catalogDue && !this.savedHistory.moved) return;
      const { indexDir } = this.deps;
      // The database file is already up to date; the catalog is saved beside it. An index held
      // in memory has no writable index dir to save anything to.
      const fts = this.state.fullText.store;
      const database = fts.db.file;
      if (database === null) return;
      if (catalogDue) {
        const generation = newGeneration();
        const saved = await saveCatalog(indexDir, SCHEMA_VERSION, database, await this.state.catalog.serialize(this.state.manifestFiles, (page) => this.state.graph.ownKeys(page)), generation);
        fts.markSaved(generation);
        this.persistedAt = saved.savedAt;
        await this.topRows.saved(fts, generation);
        await removeStale(indexDir, database);
      }
      // Saved whenever it moved, even with no page changed: a start that finds no history.json
      // walks the whole git history again (at 50k pages ~10 s and the packfile in memory).
      await this.savedHistory.saveIfMoved();
    });
  }

  /** The FTS database file being served, or null when the index is held in memory. */
  get databaseFile(): string | null {
    return this.state.fullText.store.db.file;
  }

  async close(): Promise<void> {
    this.topRows.leave();
    await this.persist();
    this.state.fullText.close();
    this.state.close();
  }

  /** Builds and installs a new index; `fromChild` is the build child's outcome when one built it. */
  private async rebuildNow(progress?: Progress, options: Pick<BuildRequest, 'uncommitted' | 'history'> = {}): Promise<{ pages: number; ms: number; fromChild?: BuildOutcome }> {
    const started = performance.now();
    const { indexDir, logger, files } = this.deps;
    let pages: number;
    let fromChild: BuildOutcome | undefined;
    const inChild = (await files.scan()).length >= (this.deps.buildInChildFrom ?? BUILD_IN_CHILD_FROM);
    let database = await newDatabaseFile(indexDir);
    try {
      if (!inChild) throw new SmallWiki();
      if (database === null) throw new Error(`cannot write the index directory ${indexDir}`);
      const built = await buildInChild({ wikiDir: files.root, indexDir, database, schema: SCHEMA_VERSION, ...options }, logger, progress);
      fromChild = built;
      // Old structures dropped and collected right before the decode, with no await between
      // (IndexState.release); the second collection takes the decode's own garbage.
      pages = await this.loadImage(() => {
        this.state.release();
        collectGarbageNow();
      });
      collectGarbageNow();
      if (pages !== built.pages) throw new Error(`the persisted index holds ${pages} pages, the build reported ${built.pages}`);
      // What is open is what the meta names: nothing to persist until the next change.
      this.schedule.markClean();
    } catch (error) {
      if (!(error instanceof SmallWiki)) logger.warn(`index: ${(error as Error).message}; building in the server process instead`);
      database = await newDatabaseFile(indexDir);
      if (database === null) logger.warn(`index: cannot write ${indexDir}; the index is held in memory and rebuilt at every start`);
      const built = await buildIndex(files, logger, database, progress);
      this.state.install(built);
      pages = built.catalog.size;
      this.schedule.markDirty(pages);
    }
    await removeStale(indexDir, this.databaseFile);
    this.topRows.start(this.state.fullText.store);
    const ms = Math.round(performance.now() - started);
    this.lastRebuild = { at: new Date().toISOString(), ms };
    this.revisions.bump();
    return { pages, ms, ...(fromChild ? { fromChild } : {}) };
  }

  /** `apply`, or for a large burst a rebuild in the build child (see burst.ts). */
  private async applyPaths(rels: string[]): Promise<ApplyResult> {
    const { catalog, manifestFiles } = this.state;
    if (isLargeBurst(rels.length, catalog.size, this.deps.burstRebuildFrom)) {
      const before = fingerprints(catalog, manifestFiles);
      this.deps.logger.info(`index: ${rels.length} files changed at once; rebuilding instead of applying them one by one`);
      await this.rebuildNow();
      const { updated, removed } = changesBetween(before, fingerprints(catalog, manifestFiles));
      return { updated, removed, revision: this.revision };
    }
    const { updated, removed, touched } = await applyChanges(this.state, this.deps.files, rels);
    const changed = updated.length + removed.length;
    if (changed > 0) {
      this.revisions.bump();
      this.schedule.markDirty(changed);
    } else if (touched > 0) {
      this.schedule.markDirty();
    }
    return { updated, removed, revision: this.revision };
  }

  private async tryWarmStart(onOpened: (catalogBytes: number) => void): Promise<boolean> {
    const started = performance.now();
    try {
      const pages = await this.loadImage(undefined, onOpened);
      await removeStale(this.deps.indexDir, this.databaseFile);
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

  /** Replaces everything in memory with the persisted index (database file and catalog); returns its page count. */
  private async loadImage(beforeDecode?: () => void, onOpened?: (catalogBytes: number) => void): Promise<number> {
    const image = await readIndexImage(this.deps.indexDir, this.deps.logger, {
      ...(onOpened ? { onOpened } : {}),
      // The title worker reads the catalog for itself while this thread opens and decodes it.
      onCatalog: (file, bytes) => this.state.titles.preload(file, bytes),
      ...(beforeDecode ? { beforeDecode } : {}),
    });
    this.state.install(image);
    // A database ahead of its catalog (the server was killed): save the catalog again soon.
    if (image.behindCatalog) this.schedule.markDirty();
    this.persistedAt = image.savedAt;
    return this.pageCount;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.lock.then(work);
    this.lock = result.catch(() => undefined);
    return result;
  }
}
