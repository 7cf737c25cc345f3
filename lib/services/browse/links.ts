import type { PageLink } from '../../core/contract.js';
import { parsePagePath, wikiPath, type Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import { toPageLink } from '../page-views.js';

const CHAIN_MAX = 20;

export interface ResolvedTarget {
  workspace: string;
  project: string;
  path: string;
  title: string;
}

/** Where each `[[target]]` written in a page points now (same resolution as the link graph). */
export function resolveWikilinks(deps: ServiceDeps, scope: Scope, path: string, targets: string[]): Map<string, ResolvedTarget | null> {
  const refs = targets.map((target) => ({ target, kind: 'wikilink' as const }));
  const resolved = deps.index.resolveLinks(scope, parsePagePath(path), refs);
  const out = new Map<string, ResolvedTarget | null>();
  resolved.forEach((link, i) => {
    const page = link.to ? deps.index.page(link.to) : undefined;
    out.set(targets[i]!, page ? { workspace: page.workspace, project: page.project, path: page.path, title: page.title } : null);
  });
  return out;
}

/**
 * The supersession chain through a page: the pages it replaced (oldest first) and the pages
 * that replaced it (newest last), following `supersedes` links in both directions.
 */
export function supersessionChain(deps: ServiceDeps, scope: Scope, path: string): { older: PageLink[]; newer: PageLink[] } {
  const { index } = deps;
  const start = wikiPath(scope, parsePagePath(path));
  const seen = new Set([start]);
  const walk = (next: (rel: string) => string | null): PageLink[] => {
    const out: PageLink[] = [];
    let rel: string | null = start;
    while (rel && out.length < CHAIN_MAX) {
      const step: string | null = next(rel);
      if (!step || seen.has(step)) break;
      seen.add(step);
      const page = index.page(step);
      if (!page) break;
      out.push(toPageLink(index, step, { target: page.path, from: page }));
      rel = step;
    }
    return out;
  };
  const older = walk((rel) => index.links(rel).find((l) => l.kind === 'supersedes' && l.to)?.to ?? null);
  const newer = walk((rel) => index.backlinks(rel).find((l) => l.kind === 'supersedes')?.from ?? null);
  return { older: older.reverse(), newer };
}
