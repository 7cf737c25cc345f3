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
 * Links and backlinks as lookups, never scans. Each page registers its lookup keys (path, stem,
 * title); each link is resolved to a page when it is added, and re-resolved when a page that
 * could answer it appears, changes title or disappears. An unqualified `[[name]]` that no page
 * in its own project answers falls back to `_global`, then to a unique match in the workspace.
 */
export class LinkGraph {
  private readonly pages = new Map<string, IndexedPage>();
  private readonly pageKeys = new Map<string, string[]>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly outgoing = new Map<string, ResolvedLink[]>();
  private readonly incoming = new Map<string, Set<string>>();
  /** Link key → pages whose links use it; bare name → pages with unqualified links to it. */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly nameDependents = new Map<string, Set<string>>();
  private readonly linkKeys = new Map<string, string[]>();

  get size(): number {
    return this.pages.size;
  }

  /** Loads many pages at once: keys first, then every link resolved exactly once. */
  bulkLoad(pages: Iterable<IndexedPage>): void {
    const list = [...pages];
    for (const page of list) this.registerPage(page);
    for (const page of list) this.resolveOutgoing(page.rel);
  }

  upsert(page: IndexedPage): void {
    const before = this.pageKeys.get(page.rel) ?? [];
    this.unregisterPage(page.rel);
    this.registerPage(page);
    this.resolveOutgoing(page.rel);
    this.reresolveDependents([...before, ...(this.pageKeys.get(page.rel) ?? [])], page.rel);
  }

  remove(rel: string): void {
    const before = this.pageKeys.get(rel) ?? [];
    this.unregisterPage(rel);
    this.reresolveDependents(before, null);
  }

  links(rel: string): ResolvedLink[] {
    return this.outgoing.get(rel) ?? [];
  }

  backlinks(rel: string): ResolvedLink[] {
    const out: ResolvedLink[] = [];
    for (const from of this.incoming.get(rel) ?? []) {
      for (const link of this.outgoing.get(from) ?? []) if (link.to === rel) out.push(link);
    }
    return out;
  }

  /** Resolves links of a text that is not (or not currently) the indexed page, e.g. an old version. */
  resolveFrom(scope: Scope, path: string, refs: LinkRef[]): ResolvedLink[] {
    const from = `${scope.workspace}/${scope.project}/${path}`;
    return refs.map((ref) => {
      const key = linkLookupKey(scope, path, ref);
      return { from, to: key ? this.resolveKey(key, scope.workspace) : null, target: ref.target, kind: ref.kind };
    });
  }

  /** Pages one link away in either direction. */
  neighbours(rel: string): string[] {
    const out = new Set<string>();
    for (const link of this.links(rel)) if (link.to && link.to !== rel) out.add(link.to);
    for (const from of this.incoming.get(rel) ?? []) if (from !== rel) out.add(from);
    return [...out];
  }

  private registerPage(page: IndexedPage): void {
    this.pages.set(page.rel, page);
    const keys = pageLookupKeys(scopeOf(page), page.path, page.title);
    this.pageKeys.set(page.rel, keys);
    for (const key of keys) {
      addTo(this.byKey, key, page.rel);
      if (key.startsWith('n:')) addTo(this.byName, bareName(key), page.rel);
    }
  }

  private unregisterPage(rel: string): void {
    for (const key of this.pageKeys.get(rel) ?? []) {
      removeFrom(this.byKey, key, rel);
      if (key.startsWith('n:')) removeFrom(this.byName, bareName(key), rel);
    }
    this.pageKeys.delete(rel);
    for (const link of this.outgoing.get(rel) ?? []) if (link.to) removeFrom(this.incoming, link.to, rel);
    for (const key of this.linkKeys.get(rel) ?? []) {
      removeFrom(this.dependents, key, rel);
      if (key.startsWith('n:')) removeFrom(this.nameDependents, bareName(key), rel);
    }
    this.outgoing.delete(rel);
    this.linkKeys.delete(rel);
    this.pages.delete(rel);
  }

  private resolveOutgoing(rel: string): void {
    const page = this.pages.get(rel);
    if (!page) return;
    for (const link of this.outgoing.get(rel) ?? []) if (link.to) removeFrom(this.incoming, link.to, rel);
    const resolved: ResolvedLink[] = [];
    const keys: string[] = [];
    for (const ref of page.links) {
      const key = linkLookupKey(scopeOf(page), page.path, ref);
      const to = key ? this.resolveKey(key, page.workspace) : null;
      resolved.push({ from: rel, to, target: ref.target, kind: ref.kind });
      if (to) addTo(this.incoming, to, rel);
      if (key) {
        keys.push(key);
        addTo(this.dependents, key, rel);
        if (key.startsWith('n:')) addTo(this.nameDependents, bareName(key), rel);
      }
    }
    this.outgoing.set(rel, resolved);
    this.linkKeys.set(rel, keys);
  }

  private resolveKey(key: string, workspace: string): string | null {
    const direct = pick(this.byKey.get(key));
    if (direct || !key.startsWith('n:')) return direct;
    const name = bareName(key);
    const global = pick(this.byKey.get(`n:default/${GLOBAL_PROJECT}:${name}`));
    if (global) return global;
    const inWorkspace = [...(this.byName.get(name) ?? [])].filter((rel) => rel.startsWith(`${workspace}/`));
    return inWorkspace.length === 1 ? inWorkspace[0]! : null;
  }

  private reresolveDependents(keys: string[], except: string | null): void {
    const affected = new Set<string>();
    for (const key of keys) {
      for (const rel of this.dependents.get(key) ?? []) affected.add(rel);
      if (key.startsWith('n:')) for (const rel of this.nameDependents.get(bareName(key)) ?? []) affected.add(rel);
    }
    affected.delete(except ?? '');
    for (const rel of affected) this.resolveOutgoing(rel);
  }
}

function bareName(key: string): string {
  return key.slice(key.indexOf(':', 2) + 1);
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
