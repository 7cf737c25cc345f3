/**
 * The single serialized writer: every mutation of the wiki (page writes, deletes, external-edit
 * commits) runs through one queue, so git never sees two writers and each change is its own
 * commit. A failed job rejects its own caller and never blocks the jobs behind it.
 */
export interface WriteQueue {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs waiting or running. */
  readonly pending: number;
  /** Resolves once everything queued so far has finished. */
  drain(): Promise<void>;
}

export function createWriteQueue(): WriteQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      pending += 1;
      const result = tail.then(job);
      tail = result.then(
        () => undefined,
        () => undefined,
      ).finally(() => {
        pending -= 1;
      });
      return result;
    },
    get pending() {
      return pending;
    },
    async drain() {
      await tail;
    },
  };
}
