import { describeError, isServerError } from './errors.js';

/** The same "server unreachable" notice is not repeated more often than this. */
export const UNREACHABLE_QUIET_MS = 30_000;

/**
 * Shows what went wrong in a Notice, once: background refreshes that all fail because the
 * server is down must not bury the user in identical notices.
 */
export class Notifier {
  private lastUnreachableAt = -Infinity;

  constructor(
    private readonly show: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  info(message: string): void {
    this.show(message);
  }

  /** Reports a failed action; `quiet` actions (background refreshes) skip repeated offline notices. */
  error(error: unknown, action: string, options: { quiet?: boolean } = {}): void {
    if (isServerError(error, 'unreachable')) {
      const recent = this.now() - this.lastUnreachableAt < UNREACHABLE_QUIET_MS;
      this.lastUnreachableAt = this.now();
      if (recent && options.quiet) return;
    }
    this.show(describeError(error, action));
  }
}
