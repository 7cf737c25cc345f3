import { readFile, rm } from 'node:fs/promises';
import type { Logger } from '../core/logger.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import type { FtsStore } from './fts-store.js';
import { ftsRowCount } from './fts-totals.js';
import { computeTopRowsInChild, pendingFile, topRowsFile, type TopRowsJob } from './top-rows-job.js';
import { decodeTopRows, encodeTopRows, TOP_ROWS_FROM, TOP_ROWS_TABLE, type TopRowsOptions } from './top-rows.js';

// A computation whose lists could not be used (the server wrote meanwhile) is tried again at the
// next catalog save, but not sooner than this: a wiki written to without pause would otherwise
// keep a core busy for nothing.
const RETRY_AFTER_MS = 5 * 60_000;
// How long a start waits for lists another process is computing, and how often it looks.
const PENDING_WAIT_MS = 120_000;
const PENDING_POLL_MS = 250;

/**
 * Gives the served database its top-rows lists (top-rows.ts) without holding the server up:
 * the saved ones of its generation at a warm start, else computed by a child process after the
 * index is handed over (a cold start, a reindex, a catalog save after an in-process build or
 * after the lists were dropped). Until they come, and whenever they cannot be used, search
 * answers as it does without them. Lists are only ever taken for the database state they
 * describe: the generation must be the one the database still records, and the server must not
 * have written a row while the child read the file.
 */
export class TopRowsKeeper {
  private job: TopRowsJob | null = null;
  private current: FtsStore | null = null;
  private lastStart = -Infinity;
  private loading = false;

  constructor(private readonly deps: { indexDir: string; logger: Logger; options?: TopRowsOptions | false }) {}

  /** A warm start: the lists saved with this generation, else a computation. */
  async load(fts: FtsStore): Promise<void> {
    this.adopt(fts);
    const generation = fts.savedGeneration();
    if (generation === undefined || fts.db.file === null || !this.wanted(fts)) return;
    const before = fts.changeCount();
    const file = topRowsFile(this.deps.indexDir, generation);
    this.loading = true;
    try {
      await this.awaitOtherProcess(file);
      const topRows = decodeTopRows(await readFile(file, 'utf8'));
      if (topRows.generation !== generation) throw new Error(`the lists are of generation ${topRows.generation}`);
      if (this.current !== fts) return;
      // Rows written while the file was read are missing from the lists' changed rows.
      if (fts.changeCount() !== before) throw new Error('pages changed while the lists were read');
      fts.useTopRows(topRows);
      this.deps.logger.info(`index: ${topRows.lists.size} top-rows lists loaded as saved`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.deps.logger.info(`index: saved top-rows lists not used (${(error as Error).message}); computing them again`);
      this.start(fts);
    } finally {
      this.loading = false;
    }
  }

  /**
   * A computation left running by the previous server (stopped right after a build) saves these
   * lists soon: waits for it rather than starting another on the same core.
   */
  private async awaitOtherProcess(file: string): Promise<void> {
    for (let waited = 0; waited < PENDING_WAIT_MS; waited += PENDING_POLL_MS) {
      let pid: number;
      try {
        pid = Number(await readFile(pendingFile(file), 'utf8'));
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, PENDING_POLL_MS));
    }
  }

  /** A new index is served: computes its lists in a child when it is large enough. */
  start(fts: FtsStore): void {
    this.adopt(fts);
    const generation = fts.savedGeneration();
    const database = fts.db.file;
    if (generation === undefined || database === null || fts.topRows() !== null || !this.wanted(fts)) return;
    const file = topRowsFile(this.deps.indexDir, generation);
    const before = fts.changeCount();
    const options = this.deps.options === false ? undefined : this.deps.options;
    const job = computeTopRowsInChild({ database, generation, file, ...(options ? { options } : {}) });
    this.job = job;
    this.lastStart = performance.now();
    job.saved.then(
      async ({ lists, ms }) => {
        if (this.job !== job) return;
        this.job = null;
        // The child read the file while the server served it: only a file nobody wrote meanwhile was read whole.
        if (this.current !== fts || fts.changeCount() !== before || fts.savedGeneration() !== generation) {
          await rm(file, { force: true });
          this.deps.logger.info('index: pages changed while the top-rows lists were computed; they are computed again later');
          return;
        }
        const topRows = decodeTopRows(await readFile(file, 'utf8'));
        if (this.current !== fts || fts.changeCount() !== before) return;
        fts.useTopRows(topRows);
        this.deps.logger.info(`index: ${lists} top-rows lists in use (computed in ${ms} ms)`);
      },
      (error: unknown) => {
        // Stopped on purpose (a new index, the server closing): nothing to report.
        if (this.job !== job) return;
        this.job = null;
        this.deps.logger.warn(`index: could not compute the top-rows lists: ${(error as Error).message}; search goes on without them`);
      },
    ).catch((error: unknown) => this.deps.logger.warn(`index: could not read the top-rows lists: ${(error as Error).message}`));
  }

  /** The database was just saved as `generation`: the lists in use are saved with it, else computed. */
  async saved(fts: FtsStore, generation: string): Promise<void> {
    this.adopt(fts);
    const topRows = fts.topRows();
    if (topRows !== null) {
      await writeFileAtomic(topRowsFile(this.deps.indexDir, generation), encodeTopRows({ ...topRows, generation }));
    } else if (this.job === null && performance.now() - this.lastStart > RETRY_AFTER_MS) {
      this.start(fts);
    }
  }

  /** Whether the served database has its lists, is waiting for them, or goes without (IndexStatus). */
  state(): 'ready' | 'computing' | 'none' {
    if (this.current?.topRows()) return 'ready';
    return this.job !== null || this.loading ? 'computing' : 'none';
  }

  /** Ends a computation whose database is no longer served. */
  stop(): void {
    this.job?.stop();
    this.job = null;
  }

  /** The server is closing: a computation goes on in its process and saves its lists for the next start. */
  leave(): void {
    this.job = null;
  }

  private adopt(fts: FtsStore): void {
    if (this.current === fts) return;
    this.stop();
    this.current = fts;
  }

  private wanted(fts: FtsStore): boolean {
    if (this.deps.options === false) return false;
    return ftsRowCount(fts.db, TOP_ROWS_TABLE) >= (this.deps.options?.from ?? TOP_ROWS_FROM);
  }
}
