import type { PageLink } from '../../core/contract.js';
import type { IndexedPage } from '../../index/indexed-page.js';
import type { MemoryIndex } from '../../index/memory-index.js';

export interface RelatedPage {
  workspace: string;
  project: string;
  path: string;
  title: string;
  kind: string;
  depth: number;
  direction: 'link' | 'backlink';
}

/** Pages reachable from a page through links and backlinks, breadth first. */
export function relatedPages(index: MemoryIndex, start: IndexedPage, maxDepth: number, maxNodes = 50): RelatedPage[] {
  const seen = new Set([start.rel]);
  const out: RelatedPage[] = [];
  let frontier = [start.rel];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0 && out.length < maxNodes; depth += 1) {
    const next: string[] = [];
    for (const rel of frontier) {
      const steps: Array<[string, 'link' | 'backlink']> = [
        ...index.links(rel).flatMap((l) => (l.to ? [[l.to, 'link'] as [string, 'link']] : [])),
        ...index.backlinks(rel).map((l) => [l.from, 'backlink'] as [string, 'backlink']),
      ];
      for (const [target, direction] of steps) {
        if (seen.has(target) || out.length >= maxNodes) continue;
        seen.add(target);
        const page = index.page(target);
        if (!page) continue;
        out.push({ workspace: page.workspace, project: page.project, path: page.path, title: page.title, kind: page.kind, depth, direction });
        next.push(target);
      }
    }
    frontier = next;
  }
  return out;
}

/**
 * The pages next to an old version of a page: what that version linked to (resolved now), and
 * what links to the page today (no index keeps yesterday's backlinks). One step only.
 */
export function relatedOfVersion(links: readonly PageLink[], backlinks: readonly PageLink[]): RelatedPage[] {
  const out: RelatedPage[] = [];
  const seen = new Set<string>();
  const add = (link: PageLink, direction: RelatedPage['direction']) => {
    const key = `${link.workspace}/${link.project}/${link.path}`;
    if (!link.exists || seen.has(key)) return;
    seen.add(key);
    out.push({ workspace: link.workspace, project: link.project, path: link.path, title: link.title, kind: link.kind ?? 'note', depth: 1, direction });
  };
  for (const link of links) add(link, 'link');
  for (const link of backlinks) add(link, 'backlink');
  return out;
}
