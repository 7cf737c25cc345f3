import type { HistoryEntry } from '../core/contract.js';
import type { CommitInfo, GitRepo } from '../store/git-repo.js';

/**
 * A derived path -> commits index. isomorphic-git's `log({filepath})` walks the whole history
 * per call (seconds on a long history), so the commits are walked once, their changed paths
 * recorded, and later commits (ours, `git pull`, a user's own commit) added incrementally.
 */
interface StoredCommit {
  time: number;
  message: string;
  author: string;
}

export interface HistorySnapshot {
  version: 1;
  head: string | null;
  commits: Record<string, StoredCommit>;
  paths: Record<string, string[]>;
}

const MAX_MESSAGE = 2000;

export class HistoryIndex {
  private head: string | null = null;
  private commits = new Map<string, StoredCommit>();
  private paths = new Map<string, string[]>();
  private updating: Promise<boolean> | null = null;
  /** A saved snapshot still to be read (loadWhenNeeded); bumped by every load, which makes a read in flight stale. */
  private saved: { read: () => Promise<HistorySnapshot | null>; loaded: (snapshot: HistorySnapshot) => void } | null = null;
  private loads = 0;
  private loading: Promise<void> = Promise.resolve();

  constructor(private readonly git: GitRepo) {}

  /**
   * Loads a saved snapshot when first needed (`ready`, which `update` awaits) instead of now:
   * at 50k pages parsing it is ~0.1-0.3 s that a warm start would spend before listening, for
   * something no search reads. `loaded` hears the snapshot once it is in.
   */
  loadWhenNeeded(read: () => Promise<HistorySnapshot | null>, loaded: (snapshot: HistorySnapshot) => void): void {
    this.saved = { read, loaded };
  }

  /** True while a snapshot given to `loadWhenNeeded` has not been asked for: nothing has moved since it was saved. */
  get unread(): boolean {
    return this.saved !== null;
  }

  /** Resolves once a snapshot given to `loadWhenNeeded` is loaded (or found missing); every caller waits for the same read. */
  ready(): Promise<void> {
    const saved = this.saved;
    if (saved !== null) {
      this.saved = null;
      this.loading = this.readSaved(saved);
    }
    return this.loading;
  }

  private async readSaved(saved: NonNullable<HistoryIndex['saved']>): Promise<void> {
    const loads = this.loads;
    const snapshot = await saved.read();
    // A load meanwhile (a rebuild's history) is newer than the saved file.
    if (snapshot === null || loads !== this.loads) return;
    this.load(snapshot);
    saved.loaded(snapshot);
  }

  get knownHead(): string | null {
    return this.head;
  }

  load(snapshot: HistorySnapshot): void {
    this.saved = null;
    this.loads += 1;
    this.head = snapshot.head;
    this.commits = new Map(Object.entries(snapshot.commits));
    this.paths = new Map(Object.entries(snapshot.paths));
  }

  snapshot(): HistorySnapshot {
    return {
      version: 1,
      head: this.head,
      commits: Object.fromEntries(this.commits),
      paths: Object.fromEntries(this.paths),
    };
  }

  /** Brings the index up to the repository's HEAD. Resolves true when anything was added. */
  update(): Promise<boolean> {
    // Concurrent callers share one walk.
    this.updating ??= this.ready()
      .then(() => this.walkToHead())
      .finally(() => {
        this.updating = null;
      });
    return this.updating;
  }

  /** Newest first. Call `update()` first when the caller needs commits made a moment ago. */
  entries(rel: string): HistoryEntry[] {
    return (this.paths.get(rel) ?? []).map((oid) => {
      const commit = this.commits.get(oid)!;
      return {
        commit: oid,
        short: oid.slice(0, 7),
        date: new Date(commit.time * 1000).toISOString(),
        message: commit.message,
        author: commit.author,
      };
    });
  }

  /** The newest commit touching `rel` at or before `instant` (ms since the epoch). */
  commitAt(rel: string, instant: number): string | null {
    for (const oid of this.paths.get(rel) ?? []) {
      if (this.commits.get(oid)!.time * 1000 <= instant) return oid;
    }
    return null;
  }

  private async walkToHead(): Promise<boolean> {
    const head = await this.git.head();
    if (head === this.head) return false;
    if (head === null) {
      this.reset(null);
      return true;
    }
    let reachedKnown = false;
    let fresh = await this.git.commitsSince(head, (oid) => {
      const known = this.commits.has(oid);
      if (known) reachedKnown = true;
      return known;
    });
    // No path from the new HEAD to what we knew, or HEAD moved back to a known commit: the
    // history was rewritten (reset, force-pull), so start over from the new HEAD.
    if (this.head !== null && (!reachedKnown || fresh.length === 0)) {
      this.reset(null);
      fresh = await this.git.commitsSince(head, () => false);
    }
    this.add(fresh);
    this.head = head;
    return fresh.length > 0;
  }

  private reset(head: string | null): void {
    this.head = head;
    this.commits.clear();
    this.paths.clear();
  }

  private add(fresh: CommitInfo[]): void {
    // `fresh` is newest first; each path's list stays newest first with older entries after.
    const additions = new Map<string, string[]>();
    for (const commit of fresh) {
      this.commits.set(commit.oid, {
        time: commit.time,
        message: commit.message.slice(0, MAX_MESSAGE),
        author: commit.author,
      });
      for (const path of commit.paths) {
        let list = additions.get(path);
        if (!list) additions.set(path, (list = []));
        list.push(commit.oid);
      }
    }
    for (const [path, oids] of additions) this.paths.set(path, [...oids, ...(this.paths.get(path) ?? [])]);
  }
}
