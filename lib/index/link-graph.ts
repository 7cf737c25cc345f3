import { linkLookupKey, pageLookupKeys, type LinkKind, type LinkRef } from '../core/links.js';
import { GLOBAL_PROJECT, type Scope } from '../core/paths.js';
import { scopeOf, type IndexedPage } from './indexed-page.js';

export interface ResolvedLink {
  from: string;
  /** The target page's rel, or null while no page answers to the link. */
  to: string | null;
  target: string;
  kind: LinkKind;
}

/**
 * Links and backlinks, resolved lazily. Each page is reachable by lookup keys (its path, file
 * stem and title, see core/links.ts); each link is stored as the key it looks up. A link is
 * resolved when asked for, so a page that appears later answers links written before it, with
 * no bookkeeping on writes. Backlinks are the pages whose link keys match one of the page's
 * keys, checked by resolving them. An unqualified `[[name]]` that no page in its own project
 * answers falls back to `_global`, then to a unique match in the workspace.
 */
export class LinkGraph {
  private readonly pages = new Map<string, IndexedPage>();
  /** Page key -> pages answering it; bare name -> pages answering it in any project. */
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byName = new Map<string, Set<string>>();
  /** Link key -> pages with a link using it; bare name -> pages with unqualified links to it. */
  private readonly linkers = new Map<string, Set<string>>();
  private readonly nameLinkers = new Map<string, Set<string>>();
  /** The same, for `supersedes` links only, so "is this page superseded" stays cheap. */
  private readonly superseders = new Map<string, Set<string>>();

  get size(): number {
    return this.pages.size;
  }

  bulkLoad(pages: Iterable<IndexedPage>): void {
    for (const page of pages) this.add(page);
  }

  upsert(page: IndexedPage): void {
    this.remove(page.rel);
    this.add(page);
  }

  remove(rel: string): void {
    const page = this.pages.get(rel);
    if (!page) return;
    for (const key of this.keysOf(page)) {
      removeFrom(this.byKey, key, rel);
      if (key.startsWith('n:')) removeFrom(this.byName, bareName(key), rel);
    }
    for (const { key, kind } of page.out) {
      removeFrom(this.linkers, key, rel);
      if (key.startsWith('n:')) removeFrom(this.nameLinkers, bareName(key), rel);
      if (kind === 'supersedes') removeFrom(this.superseders, key, rel);
    }
    this.pages.delete(rel);
  }

  /** Outgoing links of an indexed page, resolved now. */
  links(rel: string): ResolvedLink[] {
    const page = this.pages.get(rel);
    if (!page) return [];
    return page.out.map(({ key, kind }) => ({ from: rel, to: this.resolveKey(key, page.workspace), target: targetOf(key), kind }));
  }

  /** Resolves the links of a text that is not (or not currently) the indexed page, e.g. an old version. */
  resolveFrom(scope: Scope, path: string, refs: LinkRef[]): ResolvedLink[] {
    const from = `${scope.workspace}/${scope.project}/${path}`;
    return refs.map((ref) => {
      const key = linkLookupKey(scope, path, ref);
      return { from, to: key ? this.resolveKey(key, scope.workspace) : null, target: ref.target, kind: ref.kind };
    });
  }

  backlinks(rel: string, limit = Number.POSITIVE_INFINITY): ResolvedLink[] {
    const out: ResolvedLink[] = [];
    for (const from of this.candidates(rel, this.linkers, this.nameLinkers)) {
      if (out.length >= limit) break;
      for (const link of this.links(from)) if (link.to === rel && from !== rel) out.push(link);
    }
    return out;
  }

  /**
   * Pages one link away: outgoing links first, then backlinks, at most `limit` (a hub page can
   * have thousands of backlinks, and only the closest few are worth ranking).
   */
  neighbours(rel: string, limit = Number.POSITIVE_INFINITY): string[] {
    const out = new Set<string>();
    for (const link of this.links(rel)) {
      if (out.size >= limit) return [...out];
      if (link.to && link.to !== rel) out.add(link.to);
    }
    for (const link of this.backlinks(rel, limit)) {
      if (out.size >= limit) break;
      out.add(link.from);
    }
    return [...out];
  }

  /** True when another page declares that it supersedes this one. */
  isSuperseded(rel: string): boolean {
    for (const from of this.candidates(rel, this.superseders, null)) {
      if (from === rel) continue;
      const page = this.pages.get(from)!;
      if (page.out.some(({ key, kind }) => kind === 'supersedes' && this.resolveKey(key, page.workspace) === rel)) return true;
    }
    return false;
  }

  private add(page: IndexedPage): void {
    this.pages.set(page.rel, page);
    for (const key of this.keysOf(page)) {
      addTo(this.byKey, key, page.rel);
      if (key.startsWith('n:')) addTo(this.byName, bareName(key), page.rel);
    }
    for (const { key, kind } of page.out) {
      addTo(this.linkers, key, page.rel);
      if (key.startsWith('n:')) addTo(this.nameLinkers, bareName(key), page.rel);
      if (kind === 'supersedes') addTo(this.superseders, key, page.rel);
    }
  }

  private keysOf(page: IndexedPage): string[] {
    return pageLookupKeys(scopeOf(page), page.path, page.title);
  }

  /** Pages whose links could point at `rel`: exact key matches, and fallbacks by bare name. */
  private *candidates(rel: string, exact: Map<string, Set<string>>, byName: Map<string, Set<string>> | null): Iterable<string> {
    const page = this.pages.get(rel);
    if (!page) return;
    const seen = new Set<string>();
    for (const key of this.keysOf(page)) {
      for (const from of exact.get(key) ?? []) if (!seen.has(from) && seen.add(from)) yield from;
      if (byName && key.startsWith('n:')) {
        for (const from of byName.get(bareName(key)) ?? []) if (!seen.has(from) && seen.add(from)) yield from;
      }
    }
  }

  private resolveKey(key: string, workspace: string): string | null {
    const direct = pick(this.byKey.get(key));
    if (direct || !key.startsWith('n:')) return direct;
    const name = bareName(key);
    const global = pick(this.byKey.get(`n:default/${GLOBAL_PROJECT}:${name}`));
    if (global) return global;
    let only: string | null = null;
    for (const rel of this.byName.get(name) ?? []) {
      if (!rel.startsWith(`${workspace}/`)) continue;
      if (only !== null) return null; // ambiguous: several projects have a page by that name
      only = rel;
    }
    return only;
  }
}

function bareName(key: string): string {
  return key.slice(key.indexOf(':', 2) + 1);
}

/** The link as the user wrote it, recovered from its key, for links to pages that do not exist. */
function targetOf(key: string): string {
  return bareName(key);
}

/** Several pages can answer one key (same stem in two folders): the shortest path wins. */
function pick(rels: Set<string> | undefined): string | null {
  if (!rels || rels.size === 0) return null;
  let best: string | null = null;
  for (const rel of rels) {
    if (best === null || rel.length < best.length || (rel.length === best.length && rel < best)) best = rel;
  }
  return best;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
