import { randomUUID } from 'node:crypto';
import { gitAuthor, type Actor } from '../core/actor.js';
import { editFrontmatter, composePage, splitPage, type FrontmatterChanges } from '../core/frontmatter.js';
import { composePageWrite, type PageWrite } from '../core/page-write.js';
import { MANIFEST_FILE, wikiPath, type PagePath, type Scope } from '../core/paths.js';
import { renderManifest } from '../core/project-manifest.js';
import type { ServiceDeps } from './deps.js';

/**
 * Building blocks for jobs that already run inside the store's writer (`store.writer.run`):
 * each writes a file and returns its wiki-relative path when something changed, so the job can
 * index and commit everything it touched at once.
 */

/** Writes `_project.md` the first time a project gets content. */
export async function ensureManifest(deps: ServiceDeps, scope: Scope, displayName: string, now: Date): Promise<string | null> {
  const rel = wikiPath(scope, MANIFEST_FILE);
  if (await deps.store.files.info(rel)) return null;
  await deps.store.files.write(
    rel,
    renderManifest({ id: randomUUID(), name: displayName, workspace: scope.workspace, created: now.toISOString() }),
  );
  return rel;
}

/** Writes a page through composePageWrite (frontmatter kept, identical content unchanged). */
export async function putPage(deps: ServiceDeps, scope: Scope, path: PagePath, write: PageWrite, now: Date): Promise<string | null> {
  const rel = wikiPath(scope, path);
  const existing = await deps.store.files.read(rel);
  const next = composePageWrite(existing, write, now.toISOString());
  if (next === existing) return null;
  await deps.store.files.write(rel, next);
  return rel;
}

/** Changes frontmatter keys of an existing page, leaving its body and other keys as they are. */
export async function editPageFrontmatter(deps: ServiceDeps, rel: string, changes: FrontmatterChanges): Promise<string | null> {
  const existing = await deps.store.files.read(rel);
  if (existing === null) return null;
  const parts = splitPage(existing);
  const next = composePage({ ...parts, yaml: editFrontmatter(parts.yaml, changes) });
  if (next === existing) return null;
  await deps.store.files.write(rel, next);
  return rel;
}

/** Indexes and commits what a job wrote; returns the commit id, or null when nothing changed. */
export async function indexAndCommit(deps: ServiceDeps, rels: Array<string | null>, message: string, actor?: Actor): Promise<string | null> {
  const touched = rels.filter((r): r is string => r !== null);
  if (touched.length === 0) return null;
  await deps.index.apply(touched);
  return deps.store.git.commit(touched, message, gitAuthor(actor));
}

/**
 * `last_modified_by`: the user (multi-user mode) who last changed the page. A root or
 * open-mode write removes it, so it never names someone who did not make the latest change;
 * git's author records every change either way.
 */
export function attribution(actor: Actor | undefined): Record<string, unknown> {
  return { last_modified_by: actor?.kind === 'user' ? actor.name : undefined };
}
