import { composePage, editFrontmatter, parseFrontmatter, splitPage, type FrontmatterChanges } from './frontmatter.js';
import { firstHeading } from './markdown.js';
import type { WritePageRequest } from './contract.js';

/**
 * The fields a caller may set when writing a page (those of the wire request, with expiresAt
 * camel-cased); everything else in the file is kept.
 */
export type PageWrite = Pick<WritePageRequest, 'body' | 'title' | 'kind' | 'tags' | 'aliases' | 'tier' | 'pinned' | 'supersedes' | 'summary'> & {
  expiresAt?: string;
  /** Extra keys set verbatim (session pages, handoffs): `undefined` removes a key. */
  extra?: FrontmatterChanges;
};

/**
 * Produces the new file text for a write, or returns `existing` unchanged when the write would
 * not change anything, so an identical rewrite makes no commit. `updated` is only stamped
 * when something else changed; `created` only on a new page. Unknown keys, comments and the
 * order of untouched keys survive because only changed keys are edited.
 */
export function composePageWrite(existing: string | null, write: PageWrite, now: string): string {
  const parts = existing === null ? null : splitPage(existing);
  const current = parseFrontmatter(parts?.yaml ?? null).data;
  const changes: FrontmatterChanges = {};
  const heading = firstHeading(write.body);
  if (write.title !== undefined) changes.title = write.title;
  // The body's H1 is the title agents mean; a stale frontmatter title must not hide it.
  else if (heading && typeof current.title === 'string' && current.title !== heading) changes.title = heading;
  if (write.kind !== undefined) changes.kind = write.kind;
  if (write.tags !== undefined) changes.tags = write.tags.length > 0 ? write.tags : undefined;
  if (write.aliases !== undefined) changes.aliases = write.aliases.length > 0 ? write.aliases : undefined;
  if (write.tier !== undefined) changes.tier = write.tier;
  if (write.pinned !== undefined) changes.pinned = write.pinned ? true : undefined;
  if (write.expiresAt !== undefined) changes.expires_at = write.expiresAt === '' ? undefined : write.expiresAt;
  if (write.supersedes !== undefined) changes.supersedes = write.supersedes.length > 0 ? write.supersedes : undefined;
  if (write.summary !== undefined) changes.summary = write.summary === '' ? undefined : write.summary;
  Object.assign(changes, write.extra ?? {});
  if (existing === null) changes.created = now;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined && !(key in current)) delete changes[key];
    else if (value !== undefined && sameValue(current[key], value)) delete changes[key];
  }
  const body = write.body.endsWith('\n') || write.body === '' ? write.body : `${write.body}\n`;
  const base = { open: parts?.open ?? '---\n', close: parts?.close ?? '---\n' };
  const candidate = composePage({ ...base, yaml: editFrontmatter(parts?.yaml ?? null, changes), body });
  if (candidate === existing) return existing;
  changes.updated = now;
  return composePage({ ...base, yaml: editFrontmatter(parts?.yaml ?? null, changes), body });
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
