import type { Logger } from '../core/logger.js';

/** From this size on, a few changed pages wait LARGE_WIKI_PERSIST_MS before the image is saved. */
const LARGE_WIKI_PAGES = 5000;
const LARGE_WIKI_PERSIST_MS = 10 * 60_000;

/**
 * When the index image is written again after changes. Saving exports the whole database on
 * this thread (sql.js has no incremental write): about 4 MB a thousand pages, copied while
 * queries wait. A large wiki therefore saves a few changed pages only after a long quiet period
 * or at shutdown; an image that lags behind is still correct, because a warm start re-reads
 * every file whose size or times changed.
 */
export class PersistSchedule {
  private dirty = false;
  private changesSinceImage = 0;
  private timer: NodeJS.Timeout | undefined;
  private dueAt = 0;

  constructor(
    private readonly options: { delayMs: number; logger: Logger; pages: () => number; persist: () => Promise<void> },
  ) {}

  /** `changes`: how many pages the change touched (0 for a new stat of the same content). */
  markDirty(changes = 0): void {
    this.dirty = true;
    this.changesSinceImage += changes;
    const dueAt = Date.now() + this.delay();
    if (this.timer && this.dueAt <= dueAt) return;
    clearTimeout(this.timer);
    this.dueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.options.persist().catch((error: unknown) => this.options.logger.error(`index: could not persist: ${(error as Error).message}`));
    }, dueAt - Date.now());
    this.timer.unref();
  }

  /** The image on disk matches memory now (just saved, or just loaded): nothing is due. */
  markClean(): void {
    this.dirty = false;
    this.changesSinceImage = 0;
  }

  /** Cancels the pending save and tells whether one was due; the caller saves now if so. */
  takeDue(): boolean {
    clearTimeout(this.timer);
    this.timer = undefined;
    const due = this.dirty;
    this.markClean();
    return due;
  }

  private delay(): number {
    const pages = this.options.pages();
    if (pages < LARGE_WIKI_PAGES || this.changesSinceImage >= pages * 0.02) return this.options.delayMs;
    return Math.max(this.options.delayMs, LARGE_WIKI_PERSIST_MS);
  }
}
