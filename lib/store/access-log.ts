import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/**
 * How often each page was surfaced (read, or returned by a query), for the forget sweep's
 * decay formula. Why an append-only JSONL file under `<data>/logs/` (next to the audit log, so
 * backups carry it) rather than counters in the index: the index is disposable (deleting it must give the same answers), and access
 * counts cannot be derived from the wiki, so a reindex would otherwise make every page look
 * never-read and the sweep would forget more. Why not frontmatter: a read must never write a
 * page or make a commit. Appends are throttled to one per page per minute and batched, so a
 * query returning ten hits costs one small append, not ten fsyncs; the log is compacted into
 * one line per page when it loads with many redundant lines. Losing the last second of
 * accesses in a crash only makes a page decay a little sooner.
 */
export interface AccessStats {
  count: number;
  /** Last access, ms since the epoch. */
  last: number;
}

interface Line {
  p: string;
  t: number;
  n?: number;
}

const THROTTLE_MS = 60_000;
const FLUSH_DELAY_MS = 1000;

export class AccessLog {
  private readonly stats = new Map<string, AccessStats>();
  private pending: Line[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string, private readonly clock: () => number = Date.now) {}

  /** Folds the log into memory; compacts it when most lines are redundant. */
  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let lines = 0;
    for (const raw of text.split('\n')) {
      if (raw.trim() === '') continue;
      lines += 1;
      try {
        const line = JSON.parse(raw) as Line;
        if (typeof line.p === 'string' && typeof line.t === 'number') this.fold(line.p, line.t, typeof line.n === 'number' ? line.n : 1);
      } catch {
        // a torn last line after a crash: skip it
      }
    }
    if (lines > 2 * this.stats.size + 100) await this.compact();
  }

  get(rel: string): AccessStats | undefined {
    return this.stats.get(rel);
  }

  /** Records that pages were surfaced now; cheap and never throws. */
  record(rels: Iterable<string>): void {
    const now = this.clock();
    for (const rel of rels) {
      const known = this.stats.get(rel);
      if (known && now - known.last < THROTTLE_MS) continue;
      this.fold(rel, now, 1);
      this.pending.push({ p: rel, t: now });
    }
    if (this.pending.length > 0 && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
      this.timer.unref();
    }
  }

  /**
   * Carries the counts of every page under `from` (a `workspace/project/` prefix) over to `to`,
   * for a project rename. The old lines stay in the file and fold into names no page has.
   */
  movePrefix(from: string, to: string): void {
    for (const [rel, stats] of [...this.stats]) {
      if (!rel.startsWith(from)) continue;
      const moved = `${to}${rel.slice(from.length)}`;
      this.stats.delete(rel);
      this.fold(moved, stats.last, stats.count);
      this.pending.push({ p: moved, t: stats.last, n: stats.count });
    }
    void this.flush();
  }

  /** Writes pending records; called on a timer and at shutdown. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.writing;
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, batch.map((line) => `${JSON.stringify(line)}\n`).join(''));
    }).catch(() => undefined);
    return this.writing;
  }

  private fold(rel: string, at: number, count: number): void {
    const known = this.stats.get(rel);
    if (known) {
      known.count += count;
      known.last = Math.max(known.last, at);
    } else {
      this.stats.set(rel, { count, last: at });
    }
  }

  private async compact(): Promise<void> {
    const lines = [...this.stats].map(([p, s]) => JSON.stringify({ p, t: s.last, n: s.count }));
    await writeFileAtomic(this.file, lines.length ? `${lines.join('\n')}\n` : '');
  }
}
