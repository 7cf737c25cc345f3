import { lstatSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** What a TreeWatch reports, as wiki-relative paths with `/` separators. */
export interface TreeEvents {
  /** A markdown file was written, created, renamed or removed: the listener re-reads it. */
  file(rel: string): void;
  /** A folder appeared (created, moved in); its markdown files were reported with `file`. */
  dirAdded(rel: string): void;
  /** A folder is gone (removed, moved out), with whatever it held. */
  dirRemoved(rel: string): void;
  /** The OS dropped events of a folder (or could not report the name): rescan it. */
  rescan(rel: string): void;
  error(error: Error): void;
}

const hidden = (name: string) => name.startsWith('.');
const child = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);

/**
 * Watches a folder tree with one `fs.watch` per folder and nothing per file. Node 20 has no
 * recursive `fs.watch` on Linux, and chokidar watches (and keeps a stat record of) every file
 * as well: at 50k pages that was ~240 MB of heap, 50k inotify watches and ~20 s before the
 * server listened. A folder's inotify watch already names every file that changes in it, and
 * the index re-reads and hash-checks what it is told about, so the name is all that is needed.
 * Hidden folders and files (.git, .obsidian, editors' temp files) and non-markdown files are
 * ignored, as the wiki scan ignores them.
 */
export class TreeWatch {
  private readonly dirs = new Map<string, FSWatcher>();

  constructor(
    private readonly root: string,
    private readonly events: TreeEvents,
  ) {}

  /** Folders watched (one inotify watch each). */
  get folders(): number {
    return this.dirs.size;
  }

  start(): void {
    this.addTree('', false);
  }

  close(): void {
    for (const watcher of this.dirs.values()) watcher.close();
    this.dirs.clear();
  }

  /**
   * Watches a folder, then lists it: a file created in between is seen by the listing, one
   * created after by the watch. Files of a folder that appeared while serving are reported.
   */
  private addTree(rel: string, report: boolean): void {
    if (this.dirs.has(rel)) return;
    const path = rel === '' ? this.root : join(this.root, rel);
    let watcher: FSWatcher;
    try {
      watcher = watch(path, { persistent: true }, (_type, name) => this.onEvent(rel, name === null ? null : String(name)));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      const hint = code === 'ENOSPC' ? ' (the inotify watch limit: raise fs.inotify.max_user_watches)' : '';
      this.events.error(new Error(`cannot watch ${rel || 'the wiki'}: ${(error as Error).message}${hint}`));
      return;
    }
    watcher.on('error', () => {
      // The folder went away under its watch; the parent's event reports the removal.
      watcher.close();
      if (this.dirs.get(rel) === watcher) this.dirs.delete(rel);
      if (rel === '') this.events.error(new Error('the wiki folder itself is no longer watched'));
      else this.events.rescan(rel);
    });
    this.dirs.set(rel, watcher);
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (hidden(entry.name)) continue;
      if (entry.isDirectory()) this.addTree(child(rel, entry.name), report);
      else if (report && entry.name.endsWith('.md')) this.events.file(child(rel, entry.name));
    }
  }

  private onEvent(dir: string, name: string | null): void {
    if (!this.dirs.has(dir)) return;
    if (name === null) return this.events.rescan(dir);
    if (hidden(name)) return;
    const rel = child(dir, name);
    // A folder named like a markdown file is not worth a stat of every saved page.
    if (name.endsWith('.md')) return this.events.file(rel);
    let isDir: boolean;
    try {
      isDir = lstatSync(join(this.root, rel)).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir && !this.dirs.has(rel)) {
      this.addTree(rel, true);
      this.events.dirAdded(rel);
    } else if (!isDir && this.removeTree(rel)) {
      this.events.dirRemoved(rel);
    }
  }

  /** Stops watching a folder and everything under it; true when any of it was watched. */
  private removeTree(rel: string): boolean {
    let removed = false;
    for (const [dir, watcher] of this.dirs) {
      if (dir !== rel && !dir.startsWith(`${rel}/`)) continue;
      watcher.close();
      this.dirs.delete(dir);
      removed = true;
    }
    return removed;
  }
}
