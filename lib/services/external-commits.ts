import type { Logger } from '../core/logger.js';
import type { WikiStore } from '../store/wiki-store.js';
import { commitExternalEdits } from './write-job.js';

const LISTED_PATHS = 50;

/**
 * Commits edits made behind the server's back (Obsidian, an editor, rsync). Paths are collected
 * and committed together after a quiet period, through the same serialized writer as every other
 * mutation. Paths whose file already matches HEAD (our own writes, `git pull`) are skipped by the
 * store, so this never makes an empty commit or loops on its own output.
 */
export class ExternalCommitter {
  private readonly paths = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: WikiStore,
    private readonly delayMs: number,
    private readonly logger: Logger,
  ) {}

  get pending(): number {
    return this.paths.size;
  }

  schedule(rels: Iterable<string>): void {
    for (const rel of rels) this.paths.add(rel);
    if (this.paths.size === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref();
  }

  /** Commits whatever is pending now; resolves when that commit is done. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rels = [...this.paths].sort();
    this.paths.clear();
    if (rels.length === 0) return this.inFlight;
    // Candidates include files the last run already committed (after a crash the index lags
    // git): the log line counts what this commit really changed, as its message does.
    let changed = 0;
    const message = (paths: string[]) => {
      changed = paths.length;
      return externalEditMessage(paths);
    };
    this.inFlight = commitExternalEdits(this.store, rels, message)
      .then((oid) => {
        if (oid) this.logger.info(`committed external edit of ${changed} file(s)`, { commit: oid });
      })
      .catch((error: unknown) => {
        this.logger.error(`could not commit external edits: ${(error as Error).message}; will retry`);
        this.schedule(rels);
      });
    return this.inFlight;
  }
}

export function externalEditMessage(rels: string[]): string {
  if (rels.length === 1) return `External edit: ${rels[0]}`;
  const listed = rels.slice(0, LISTED_PATHS).map((rel) => `- ${rel}`);
  if (rels.length > LISTED_PATHS) listed.push(`- ... and ${rels.length - LISTED_PATHS} more`);
  return `External edit: ${rels.length} files\n\n${listed.join('\n')}`;
}
