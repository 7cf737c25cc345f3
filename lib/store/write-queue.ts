/**
 * The single serialized writer: every mutation of the wiki (page writes, deletes, external-edit
 * commits, session closes) runs through one queue, so git never sees two writers and each job
 * is its own commit. A failed job rejects its own caller and never blocks the jobs behind it.
 *
 * Two lanes, one writer: `interactive` (the default: a user or agent waiting on an explicit
 * write) and `background` (session pages and handoffs written after a session ends, which may
 * lag). The next job is the oldest interactive one, except that the oldest background job goes
 * after every `backgroundEvery` interactive jobs that went ahead of it: a burst of session closes delays a
 * page write by at most the one job already running, and steady page writes still leave
 * background work one turn in every `backgroundEvery + 1`. A rule on waiting time instead would
 * hand every turn to an old backlog at once. Within a lane, jobs run in the order they came.
 */
export type WriteLane = 'interactive' | 'background';

export interface RunOptions {
  /** Defaults to `interactive`. */
  lane?: WriteLane;
  /** A label `promote` can find a waiting background job by (a project, say). */
  tag?: string;
}

export interface WriteQueue {
  run<T>(job: () => Promise<T>, options?: RunOptions): Promise<T>;
  /**
   * Moves the waiting background jobs with this tag to the end of the interactive lane (someone
   * is now waiting on them); returns how many moved.
   */
  promote(tag: string): number;
  /** Jobs waiting or running. */
  readonly pending: number;
  /** Background jobs waiting (not running). */
  readonly backgroundWaiting: number;
  /** Resolves once everything queued so far has finished. */
  drain(): Promise<void>;
}

export interface WriteQueueOptions {
  /** After this many interactive jobs in a row, a waiting background job goes next. */
  backgroundEvery?: number;
}

interface Entry {
  start: () => void;
  done: Promise<void>;
  tag: string | undefined;
}

export const DEFAULT_BACKGROUND_EVERY = 8;

export function createWriteQueue(options: WriteQueueOptions = {}): WriteQueue {
  const every = Math.max(1, options.backgroundEvery ?? DEFAULT_BACKGROUND_EVERY);
  const interactive: Entry[] = [];
  const background: Entry[] = [];
  const unfinished = new Set<Promise<void>>();
  let running = false;
  let interactiveInARow = 0;

  function next(): Entry | undefined {
    const backgroundDue = background.length > 0 && (interactive.length === 0 || interactiveInARow >= every);
    if (backgroundDue) {
      interactiveInARow = 0;
      return background.shift();
    }
    const entry = interactive.shift();
    // Only turns taken while background work waits count towards its turn.
    if (entry && background.length > 0) interactiveInARow += 1;
    return entry;
  }

  function pump(): void {
    if (running) return;
    const entry = next();
    if (!entry) return;
    running = true;
    entry.start();
    void entry.done.then(() => {
      running = false;
      pump();
    });
  }

  return {
    run<T>(job: () => Promise<T>, runOptions: RunOptions = {}): Promise<T> {
      let start!: () => void;
      const started = new Promise<void>((resolve) => (start = resolve));
      const result = started.then(job);
      const done = result.then(
        () => undefined,
        () => undefined,
      );
      unfinished.add(done);
      void done.then(() => unfinished.delete(done));
      const entry: Entry = { start, done, tag: runOptions.tag };
      (runOptions.lane === 'background' ? background : interactive).push(entry);
      pump();
      return result;
    },
    promote(tag: string): number {
      const moving = background.filter((entry) => entry.tag === tag);
      if (moving.length === 0) return 0;
      background.splice(0, background.length, ...background.filter((entry) => entry.tag !== tag));
      interactive.push(...moving);
      return moving.length;
    },
    get pending() {
      return unfinished.size;
    },
    get backgroundWaiting() {
      return background.length;
    },
    async drain() {
      await Promise.all([...unfinished]);
    },
  };
}
