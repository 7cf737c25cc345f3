import { linkLookupKey, pageLookupKeys, type LinkKind, type LinkRef } from '../core/links.js';
import { GLOBAL_PROJECT, type Scope } from '../core/paths.js';
import type { DerivedIndex, FullBuild } from './derived-index.js';
import { outKind, scopeOf, type IndexedPage } from './indexed-page.js';
import { MultiMap } from './multimap.js';
import { StringPool } from './string-pool.js';

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
export class LinkGraph implements DerivedIndex {
  readonly name = 'link graph';
  private readonly pages = new Map<string, IndexedPage>();
  /** Page key -> pages answering it; bare name -> pages answering it in any project. */
  private readonly byKey = new MultiMap();
  private readonly byName = new MultiMap();
  /** Link key -> pages with a link using it; bare name -> pages with unqualified links to it. */
  private readonly linkers = new MultiMap();
  private readonly nameLinkers = new MultiMap();
  /** The same, for `supersedes` links only, so "is this page superseded" stays cheap. */
  private readonly superseders = new MultiMap();
  /** Each page's own lookup keys, computed once when it is added. */
  private readonly keysByRel = new Map<string, string[]>();
  /** Pages and links share one copy of each key (page.out entries are swapped for it). */
  private readonly keyPool = new StringPool();

  get size(): number {
    return this.pages.size;
  }

  /** Distinct link and page keys held (a figure for diagnostics and the leak test). */
  get distinctKeys(): number {
    return this.keyPool.size;
  }

  load(build: FullBuild): void {
    this.pages.clear();
    for (const map of [this.byKey, this.byName, this.linkers, this.nameLinkers, this.superseders]) map.clear();
    this.keysByRel.clear();
    this.keyPool.clear();
    this.bulkLoad(build.pages);
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
      this.byKey.delete(key, rel);
      if (key.startsWith('n:')) this.byName.delete(bareName(key), rel);
    }
    page.out.forEach((key, i) => {
      this.linkers.delete(key, rel);
      if (key.startsWith('n:')) this.nameLinkers.delete(bareName(key), rel);
      if (page.outKinds[i] === 's') this.superseders.delete(key, rel);
      this.keyPool.release(key);
    });
    for (const key of this.keysByRel.get(rel) ?? []) this.keyPool.release(key);
    this.pages.delete(rel);
    this.keysByRel.delete(rel);
  }

  /** Outgoing links of an indexed page, resolved now. */
  links(rel: string): ResolvedLink[] {
    const page = this.pages.get(rel);
    if (!page) return [];
    return page.out.map((key, i) => ({ from: rel, to: this.resolveKey(key, page.workspace), target: targetOf(key), kind: outKind(page, i) }));
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
    const page = this.pages.get(rel);
    if (!page) return out;
    for (const { from, key } of this.candidates(page, this.linkers, this.nameLinkers)) {
      if (out.length >= limit) break;
      const source = this.pages.get(from)!;
      if (from === rel || this.resolveKey(key, source.workspace) !== rel) continue;
      source.out.forEach((k, i) => {
        if (k === key) out.push({ from, to: rel, target: targetOf(key), kind: outKind(source, i) });
      });
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

  /**
   * Pages listed close to this one on a page that links to it (co-citation proximity): the
   * neighbouring moments of a session log, the adjacent entries of an index page. Each comes
   * with its distance in links (1 = listed right next to it), closest first.
   */
  coCited(rel: string, window: number, maxHubs = 4): Array<{ rel: string; distance: number; after: boolean }> {
    const distances = new Map<string, number>();
    const after = new Set<string>();
    const page = this.pages.get(rel);
    if (!page) return [];
    let hubs = 0;
    // Only the links around the one pointing here are resolved, not the hub's whole list.
    for (const { from, key } of this.candidates(page, this.linkers, this.nameLinkers)) {
      if (hubs >= maxHubs) break;
      if (from === rel) continue;
      const hub = this.pages.get(from)!;
      if (this.resolveKey(key, hub.workspace) !== rel) continue;
      hubs++;
      hub.out.forEach((k, i) => {
        if (k !== key) return;
        for (let j = Math.max(0, i - window); j <= Math.min(hub.out.length - 1, i + window); j++) {
          if (j === i || hub.out[j] === key) continue;
          const other = this.resolveKey(hub.out[j]!, hub.workspace);
          const distance = Math.abs(j - i);
          if (other !== null && other !== rel && distance < (distances.get(other) ?? Number.POSITIVE_INFINITY)) {
            distances.set(other, distance);
            if (j > i) after.add(other);
            else after.delete(other);
          }
        }
      });
    }
    return [...distances].map(([other, distance]) => ({ rel: other, distance, after: after.has(other) })).sort((a, b) => a.distance - b.distance);
  }

  /** True when another page declares that it supersedes this one. */
  isSuperseded(rel: string): boolean {
    const page = this.pages.get(rel);
    if (!page) return false;
    for (const { from, key } of this.candidates(page, this.superseders, null)) {
      if (from !== rel && this.resolveKey(key, this.pages.get(from)!.workspace) === rel) return true;
    }
    return false;
  }

  private add(page: IndexedPage): void {
    this.pages.set(page.rel, page);
    for (const key of this.keysOf(page)) {
      this.byKey.add(key, page.rel);
      if (key.startsWith('n:')) this.byName.add(bareName(key), page.rel);
    }
    page.out.forEach((parsed, i) => {
      const key = (page.out[i] = this.keyPool.acquire(parsed));
      this.linkers.add(key, page.rel);
      if (key.startsWith('n:')) this.nameLinkers.add(bareName(key), page.rel);
      if (page.outKinds[i] === 's') this.superseders.add(key, page.rel);
    });
  }

  private keysOf(page: IndexedPage): string[] {
    let keys = this.keysByRel.get(page.rel);
    if (!keys) this.keysByRel.set(page.rel, (keys = pageLookupKeys(scopeOf(page), page.path, page.title).map((key) => this.keyPool.acquire(key))));
    return keys;
  }

  /**
   * Pages whose links could point at `page`, each with the link key that could: exact key
   * matches, and (for unqualified names) pages in other projects using the same bare name.
   */
  private *candidates(
    page: IndexedPage,
    exact: MultiMap,
    byName: MultiMap | null,
  ): Iterable<{ from: string; key: string }> {
    const seen = new Set<string>();
    for (const key of this.keysOf(page)) {
      for (const from of exact.get(key)) {
        if (!seen.has(`${from}\n${key}`)) {
          seen.add(`${from}\n${key}`);
          yield { from, key };
        }
      }
      if (!byName || !key.startsWith('n:')) continue;
      const name = bareName(key);
      for (const from of byName.get(name)) {
        for (const linkKey of this.pages.get(from)!.out) {
          if (linkKey.startsWith('n:') && bareName(linkKey) === name && !seen.has(`${from}\n${linkKey}`)) {
            seen.add(`${from}\n${linkKey}`);
            yield { from, key: linkKey };
          }
        }
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
    for (const rel of this.byName.get(name)) {
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
function pick(rels: Iterable<string>): string | null {
  let best: string | null = null;
  for (const rel of rels) {
    if (best === null || rel.length < best.length || (rel.length === best.length && rel < best)) best = rel;
  }
  return best;
}

