import type { Logger } from '../core/logger.js';
import type { ApplyResult, MemoryIndex } from './memory-index.js';
import { TreeWatch } from './tree-watch.js';

const RECHECK_NEW_DIR_MS = [250, 1000];

export interface WikiWatcherOptions {
  root: string;
  index: MemoryIndex;
  logger: Logger;
  /** Called with the wiki-relative paths whose content really changed behind our back. */
  onExternalChange: (rels: string[]) => void;
  /** Quiet time that closes a batch; bursts (rsync, git pull) become one apply. */
  debounceMs?: number;
  /** Upper bound on how long a continuous stream of events can delay a batch. */
  maxWaitMs?: number;
  /** Seconds between reconcile scans that catch anything the OS did not report; 0 disables. */
  reconcileIntervalSec?: number;
  /**
   * Runs each batch in turn with the wiki's writer, so a batch never lands between the server
   * writing a file and indexing it (which would make the server's own write look external).
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * Keeps the derived index current when files change behind the server's back: editor and
 * Obsidian saves (often write-temp-then-rename: an event for the final name), `git pull`,
 * rsync. Events are collected per path, debounced, and applied as one batch; the index's hash
 * check turns the echo of the server's own writes into no-ops, so there is no commit loop.
 */
export class WikiWatcher {
  private watcher: TreeWatch | undefined;
  private pending = new Set<string>();
  private pendingDirs = new Set<string>();
  private newDirs = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private firstEventAt = 0;
  private running: Promise<void> = Promise.resolve();
  private reconcileTimer: NodeJS.Timeout | undefined;
  private lastError: string | undefined;
  private ready = false;
  private readonly recheckTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: WikiWatcherOptions) {}

  get live(): boolean {
    return this.ready && this.watcher !== undefined;
  }

  get error(): string | undefined {
    return this.lastError;
  }

  async start(): Promise<void> {
    // One watch per folder (tree-watch.ts), set up by listing the folders only: the server
    // does not wait for a stat of every file before it serves.
    const tree = new TreeWatch(this.options.root, {
      file: (rel) => this.enqueue(rel),
      // A file created and deleted right after its folder appeared can slip past before the
      // folder is watched; new folders are therefore rescanned shortly after.
      dirAdded: (rel) => {
        this.newDirs.add(rel);
        this.schedule();
      },
      dirRemoved: (rel) => {
        this.pendingDirs.add(rel);
        this.schedule();
      },
      rescan: (rel) => void this.reconcile(rel),
      error: (error) => {
        this.lastError = error.message;
        this.options.logger.warn(`watcher: ${this.lastError}; relying on periodic reconcile scans`);
      },
    });
    this.watcher = tree;
    tree.start();
    this.ready = true;
    const interval = this.options.reconcileIntervalSec ?? 30;
    if (interval > 0) {
      this.reconcileTimer = setInterval(() => void this.reconcile(), interval * 1000);
      this.reconcileTimer.unref();
    }
  }

  /** Scans the wiki (or one folder) against the index; used on a timer and for new folders. */
  reconcile(under = ''): Promise<void> {
    return this.serialize(async () => {
      this.report(await this.options.index.reconcile(under));
    });
  }

  /** Resolves once every event received so far has been applied. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.runBatch();
    }
    await this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.reconcileTimer);
    for (const timer of this.recheckTimers) clearTimeout(timer);
    await this.flush();
    this.watcher?.close();
    this.watcher = undefined;
    this.ready = false;
  }

  private enqueue(rel: string): void {
    if (!rel.endsWith('.md')) return;
    this.pending.add(rel);
    this.schedule();
  }

  private schedule(): void {
    const now = Date.now();
    if (!this.timer) this.firstEventAt = now;
    clearTimeout(this.timer);
    const debounce = this.options.debounceMs ?? 40;
    const maxWait = this.options.maxWaitMs ?? 400;
    const delay = Math.max(0, Math.min(debounce, this.firstEventAt + maxWait - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runBatch();
    }, delay);
  }

  private runBatch(): Promise<void> {
    return this.serialize(async () => {
      const rels = [...this.pending];
      const dirs = [...this.pendingDirs];
      const created = [...this.newDirs];
      this.pending.clear();
      this.pendingDirs.clear();
      this.newDirs.clear();
      for (const dir of created) {
        for (const delay of RECHECK_NEW_DIR_MS) {
          const timer = setTimeout(() => {
            this.recheckTimers.delete(timer);
            void this.reconcile(dir);
          }, delay);
          timer.unref();
          this.recheckTimers.add(timer);
        }
      }
      // A removed folder takes every page under it, whether or not the watch reported each file.
      for (const dir of dirs) {
        for (const { rel } of this.options.index.allPages()) if (rel.startsWith(`${dir}/`)) rels.push(rel);
      }
      if (rels.length === 0) return;
      this.report(await this.options.index.apply(rels));
    });
  }

  private report(result: ApplyResult): void {
    const changed = [...result.updated, ...result.removed];
    if (changed.length > 0) this.options.onExternalChange(changed);
  }

  private serialize(work: () => Promise<void>): Promise<void> {
    const exclusive = this.options.exclusive ?? ((job) => job());
    const next = this.running.then(() => exclusive(work)).catch((error: unknown) => {
      this.options.logger.error(`watcher: could not apply changes: ${(error as Error).message}`);
    });
    this.running = next;
    return next;
  }
}
