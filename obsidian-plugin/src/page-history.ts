import { diffLines } from 'diff';
import type { PageResponse, ScopeRef, WritePageRequest, WritePageResponse } from '../../lib/core/contract.js';
import type { MemoryApi } from './memory-api.js';
import type { PageRef } from './vault-paths.js';

export interface DiffLine {
  type: 'added' | 'removed' | 'same';
  text: string;
}

// Stamped on every write; showing it would make every diff look like a change.
const NOISY_KEYS = new Set(['updated']);

/**
 * A version as text for reading and diffing: its frontmatter keys (one per line, values as
 * JSON) and its body. The server returns frontmatter parsed, so this is a faithful view of
 * what changed, not the file's exact bytes.
 */
export function versionText(page: Pick<PageResponse, 'frontmatter' | 'body'>): string {
  const keys = Object.keys(page.frontmatter).filter((key) => !NOISY_KEYS.has(key));
  if (keys.length === 0) return page.body;
  const lines = keys.map((key) => `${key}: ${JSON.stringify(page.frontmatter[key])}`);
  return `---\n${lines.join('\n')}\n---\n${page.body}`;
}

/** A line diff from `before` to `after`. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    const type = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const text = part.value.endsWith('\n') ? part.value.slice(0, -1) : part.value;
    for (const line of text.split('\n')) lines.push({ type, text: line });
  }
  return lines;
}

export function diffCounts(lines: DiffLine[]): { added: number; removed: number } {
  return {
    added: lines.filter((l) => l.type === 'added').length,
    removed: lines.filter((l) => l.type === 'removed').length,
  };
}

/**
 * The write that brings a page back to an old version: its body, and each memory field that
 * the old or the current version sets (so a field added since is reset). Other frontmatter
 * keys keep their current values; the server commits the result as a new version.
 */
export function restoreRequest(version: PageResponse, current: PageResponse | null): WritePageRequest & ScopeRef {
  const has = (key: string) => key in version.frontmatter || (current !== null && key in current.frontmatter);
  const request: WritePageRequest & ScopeRef = { workspace: version.workspace, project: version.project, path: version.path, body: version.body };
  if (has('title')) request.title = version.title;
  if (has('kind')) request.kind = version.kind;
  if (has('tags')) request.tags = version.tags;
  if (has('tier')) request.tier = version.tier;
  if (has('pinned')) request.pinned = version.pinned;
  if (has('summary')) request.summary = version.summary ?? '';
  if (has('expires_at')) request.expires_at = version.expires_at ?? '';
  if (has('supersedes')) request.supersedes = stringList(version.frontmatter.supersedes);
  return request;
}

/** Restores the page at `ref` to commit `rev` through the server (which commits it). */
export async function restoreVersion(api: MemoryApi, ref: PageRef, rev: string): Promise<WritePageResponse> {
  const [version, current] = await Promise.all([api.readPage(ref, rev), api.readPage(ref).catch(() => null)]);
  return api.writePage(restoreRequest(version, current));
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
