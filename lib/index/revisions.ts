/**
 * The index's revision counter: every change bumps it, and tests and status wait on it instead
 * of sleeping; listeners hear of every change (the web UI's live reload, caches).
 */
export class Revisions {
  private value = 0;
  private waiters: Array<{ revision: number; resolve: () => void }> = [];
  private readonly listeners = new Set<() => void>();

  get current(): number {
    return this.value;
  }

  waitFor(revision: number, timeoutMs: number): Promise<void> {
    if (this.value >= revision) return Promise.resolve();
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

  /** Calls `listener` after every change; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new revision for waiters and listeners. */
  bump(): void {
    this.value += 1;
    const ready = this.waiters.filter((w) => w.revision <= this.value);
    this.waiters = this.waiters.filter((w) => w.revision > this.value);
    for (const waiter of ready) waiter.resolve();
    for (const listener of this.listeners) listener();
  }
}
