import type { PageLink, PageSummary } from '../core/contract.js';
import type { IndexedPage } from '../index/indexed-page.js';
import type { ResolvedLink } from '../index/link-graph.js';
import type { MemoryIndex } from '../index/memory-index.js';

/** Shapes index records into the contract's JSON views. */

export function lastUpdated(page: IndexedPage): string {
  return page.updated ?? new Date(page.file.mtimeMs).toISOString();
}

/** Where a page is and what it is: the fields every listing of pages starts with. */
export function pageIdentity(page: IndexedPage): Pick<PageSummary, 'workspace' | 'project' | 'path' | 'title' | 'kind' | 'tier' | 'pinned'> {
  return { workspace: page.workspace, project: page.project, path: page.path, title: page.title, kind: page.kind, tier: page.tier, pinned: page.pinned };
}

export function toSummary(page: IndexedPage): PageSummary {
  const summary: PageSummary = { ...pageIdentity(page), tags: page.tags, updated: lastUpdated(page) };
  if (page.summary) summary.summary = page.summary;
  if (page.handoff) summary.handoff_state = page.handoff.state;
  return summary;
}

type LinkSource = Pick<IndexedPage, 'rel' | 'workspace' | 'project'>;

export function toPageLink(index: MemoryIndex, rel: string | null, fallback: { target: string; from: LinkSource }): PageLink {
  const page = rel ? index.page(rel) : undefined;
  if (page) {
    return { workspace: page.workspace, project: page.project, path: page.path, title: page.title, kind: page.kind, exists: true };
  }
  return {
    workspace: fallback.from.workspace,
    project: fallback.from.project,
    path: fallback.target,
    title: fallback.target,
    kind: null,
    exists: false,
    target: fallback.target,
  };
}

/** Outgoing links, one entry per distinct target, in order of first appearance. */
export function linkViews(index: MemoryIndex, page: LinkSource, links: ResolvedLink[], kinds?: ResolvedLink['kind'][]): PageLink[] {
  const seen = new Set<string>();
  const out: PageLink[] = [];
  for (const link of links) {
    if (kinds && !kinds.includes(link.kind)) continue;
    const key = link.to ?? `?${link.target}`;
    if (seen.has(key) || link.to === page.rel) continue;
    seen.add(key);
    out.push(toPageLink(index, link.to, { target: link.target, from: page }));
  }
  return out;
}

/** Pages linking here, one entry per linking page. */
export function backlinkViews(index: MemoryIndex, page: IndexedPage, kinds?: ResolvedLink['kind'][]): PageLink[] {
  const seen = new Set<string>();
  const out: PageLink[] = [];
  for (const link of index.backlinks(page.rel)) {
    if (kinds && !kinds.includes(link.kind)) continue;
    if (seen.has(link.from) || link.from === page.rel) continue;
    seen.add(link.from);
    out.push(toPageLink(index, link.from, { target: link.from, from: page }));
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export function isSuperseded(index: MemoryIndex, page: IndexedPage): boolean {
  return index.isSuperseded(page.rel);
}

export function isExpired(page: IndexedPage, now: Date): boolean {
  return page.expiresAt !== undefined && Date.parse(page.expiresAt) < now.getTime();
}
