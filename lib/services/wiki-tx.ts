import { randomUUID } from 'node:crypto';
import { MemoryError } from '../core/errors.js';
import { editFrontmatter, composePage, splitPage, type FrontmatterChanges } from '../core/frontmatter.js';
import { composePageWrite, type PageWrite } from '../core/page-write.js';
import { MANIFEST_FILE, wikiPath, type PagePath, type Scope } from '../core/paths.js';
import { renderManifest } from '../core/project-manifest.js';
import { exists, filesUnder, moveTree, projectDir, removeTree } from '../store/project-dirs.js';
import type { WikiStore } from '../store/wiki-store.js';

/** What `putPage` did: the page's path, its text now, and whether that differs from before. */
export interface PutResult {
  rel: string;
  status: 'created' | 'updated' | 'unchanged';
  text: string;
}

/**
 * The only functions a write job changes the wiki with (see write-job.ts). Each one records the
 * paths it changed, so the job cannot leave a file out of the index or the commit.
 */
export interface WikiTx {
  /** Writes `_project.md` the first time a project gets content; true when it did. */
  ensureManifest(scope: Scope, displayName: string, now: Date): Promise<boolean>;
  /** Writes a page through composePageWrite (frontmatter kept, identical content unchanged). */
  putPage(scope: Scope, path: PagePath, write: PageWrite, now: Date): Promise<PutResult>;
  /** Writes a file's whole text as given (imports, fixtures); false when it already had it. */
  writeText(rel: string, text: string): Promise<boolean>;
  /** Changes frontmatter keys of an existing page, leaving its body and other keys as they are. */
  editFrontmatter(rel: string, changes: FrontmatterChanges): Promise<boolean>;
  /** Removes one page; false when it was not there. */
  remove(rel: string): Promise<boolean>;
  /** Removes a project's folder; returns every path that goes (on disk or committed). */
  removeProject(scope: Scope): Promise<string[]>;
  /** Moves a project's folder to another name; returns the files that arrived there. */
  moveProject(from: Scope, to: Scope): Promise<string[]>;
  /** Paths changed so far, in the order they were first changed. */
  readonly changed: readonly string[];
}

/** A tx and the write job's handle on it. */
export interface OpenWikiTx {
  tx: WikiTx;
  /**
   * Closes the tx once the writes it started have finished (a job that forgot an `await` still
   * has them committed with it); returns what changed and how many were still running.
   */
  end(): Promise<{ changed: string[]; unawaited: number }>;
  /**
   * Puts every file the job changed back as it was before the job (a job that fails half-way
   * leaves the wiki as it found it). A project move is moved back; a removed project folder
   * cannot be, and its paths are returned (its committed files are still in git).
   */
  rollback(): Promise<{ restored: string[]; notRestored: string[] }>;
}

/** How to undo one change: the file's text before the job (null: it did not exist), or a move. */
type Undo = { kind: 'file'; rel: string; previous: string | null } | { kind: 'move'; from: Scope; to: Scope } | { kind: 'lost'; rels: string[] };

export function createWikiTx(store: WikiStore): OpenWikiTx {
  const changed = new Set<string>();
  const running = new Set<Promise<unknown>>();
  const undo: Undo[] = [];
  const snapshotted = new Set<string>();
  let ended = false;
  const mark: Mark = {
    file(rel, previous) {
      changed.add(rel);
      // The first change of a path holds what it was before the job.
      if (snapshotted.has(rel)) return;
      snapshotted.add(rel);
      undo.push({ kind: 'file', rel, previous });
    },
    tree(step, rels) {
      rels.forEach((rel) => changed.add(rel));
      undo.push(step);
    },
  };
  const ops = wikiOps(store, mark);
  // Each call is tracked until it settles; a call after the job ended would miss the commit.
  const tracked =
    <A extends unknown[], R>(op: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (ended) return Promise.reject(new MemoryError('INTERNAL', 'a write job wrote after it returned; await every tx call inside the job'));
      const call = op(...args);
      running.add(call);
      void call.then(
        () => running.delete(call),
        () => running.delete(call),
      );
      return call;
    };
  const tx: WikiTx = {
    get changed() {
      return [...changed];
    },
    ensureManifest: tracked(ops.ensureManifest),
    putPage: tracked(ops.putPage),
    writeText: tracked(ops.writeText),
    editFrontmatter: tracked(ops.editFrontmatter),
    remove: tracked(ops.remove),
    removeProject: tracked(ops.removeProject),
    moveProject: tracked(ops.moveProject),
  };
  return {
    tx,
    async end() {
      const unawaited = running.size;
      await Promise.allSettled([...running]);
      ended = true;
      return { changed: [...changed], unawaited };
    },
    async rollback() {
      const restored: string[] = [];
      const notRestored: string[] = [];
      for (const step of [...undo].reverse()) {
        if (step.kind === 'file') {
          if (step.previous === null) await store.files.remove(step.rel);
          else await store.files.write(step.rel, step.previous);
          restored.push(step.rel);
        } else if (step.kind === 'move') {
          const target = projectDir(store.layout.wiki, step.to);
          const source = projectDir(store.layout.wiki, step.from);
          if ((await exists(target)) && !(await exists(source))) await moveTree(target, source);
          restored.push(`${step.to.workspace}/${step.to.project}`);
        } else {
          notRestored.push(...step.rels);
        }
      }
      return { restored, notRestored };
    },
  };
}

interface Mark {
  /** A file changed; `previous` is its text before this change (null: it did not exist). */
  file(rel: string, previous: string | null): void;
  /** A whole project folder moved or went, with the paths that changed by it. */
  tree(step: Exclude<Undo, { kind: 'file' }>, rels: string[]): void;
}

/** The file operations themselves; each reports the paths it changed through `mark`. */
function wikiOps(store: WikiStore, mark: Mark): Omit<WikiTx, 'changed'> {
  return {
    async ensureManifest(scope, displayName, now) {
      const rel = wikiPath(scope, MANIFEST_FILE);
      if (await store.files.info(rel)) return false;
      await store.files.write(rel, renderManifest({ id: randomUUID(), name: displayName, workspace: scope.workspace, created: now.toISOString() }));
      mark.file(rel, null);
      return true;
    },
    async putPage(scope, path, write, now) {
      const rel = wikiPath(scope, path);
      const existing = await store.files.read(rel);
      const text = composePageWrite(existing, write, now.toISOString());
      if (text === existing) return { rel, status: 'unchanged', text };
      await store.files.write(rel, text);
      mark.file(rel, existing);
      return { rel, status: existing === null ? 'created' : 'updated', text };
    },
    async writeText(rel, text) {
      const existing = await store.files.read(rel);
      if (existing === text) return false;
      await store.files.write(rel, text);
      mark.file(rel, existing);
      return true;
    },
    async editFrontmatter(rel, changes) {
      const existing = await store.files.read(rel);
      if (existing === null) return false;
      const parts = splitPage(existing);
      const next = composePage({ ...parts, yaml: editFrontmatter(parts.yaml, changes) });
      if (next === existing) return false;
      await store.files.write(rel, next);
      mark.file(rel, existing);
      return true;
    },
    async remove(rel) {
      const existing = await store.files.read(rel);
      const removed = await store.files.remove(rel);
      if (removed) mark.file(rel, existing);
      return removed;
    },
    async removeProject(scope) {
      const dir = projectDir(store.layout.wiki, scope);
      const gone = await projectFiles(store, scope, dir);
      await removeTree(dir);
      mark.tree({ kind: 'lost', rels: gone }, gone);
      return gone;
    },
    async moveProject(from, to) {
      const source = projectDir(store.layout.wiki, from);
      const target = projectDir(store.layout.wiki, to);
      // Files committed under the old name leave the index and git even when the folder is gone.
      const left = await store.git.trackedUnder(`${from.workspace}/${from.project}`);
      if (await exists(source)) await moveTree(source, target);
      const arrived = await filesUnder(store.layout.wiki, target);
      mark.tree({ kind: 'move', from, to }, [...left, ...arrived]);
      return arrived;
    },
  };
}

/** A project's files on disk and at HEAD: a purge removes both from the index and git. */
async function projectFiles(store: WikiStore, scope: Scope, dir: string): Promise<string[]> {
  const tracked = await store.git.trackedUnder(`${scope.workspace}/${scope.project}`);
  return [...new Set([...tracked, ...(await filesUnder(store.layout.wiki, dir))])].sort();
}
