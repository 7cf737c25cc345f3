import { linkLookupKey, type LinkKind, type LinkRef } from '../core/links.js';
import { GLOBAL_PROJECT, type Scope } from '../core/paths.js';
import type { DerivedIndex, FullBuild } from './derived-index.js';
import { outKind, type IndexedPage } from './indexed-page.js';
import { bareName, LinkSlots, NONE } from './link-slots.js';
import type { SlotLists } from './slot-lists.js';

export interface ResolvedLink {
  from: string;
  /** The target page's rel, or null while no page answers to the link. */
  to: string | null;
  target: string;
  kind: LinkKind;
}

/** Room for key ids in one number that also holds a slot (see `forEachCandidate`). */
const KEY_SPAN = 2 ** 26;

/**
 * Links and backlinks, resolved lazily. Each page is reachable by lookup keys (its path, file
 * stem and title, see core/links.ts); each link is stored as the key it looks up. A link is
 * resolved when asked for, so a page that appears later answers links written before it, with
 * no bookkeeping on writes. Backlinks are the pages whose link keys match one of the page's
 * keys, checked by resolving them. An unqualified `[[name]]` that no page in its own project
 * answers falls back to `_global`, then to a unique match in the workspace. What it holds is
 * kept as numbers (link-slots.ts); this answers questions over it.
 */
export class LinkGraph implements DerivedIndex {
  readonly name = 'link graph';
  private readonly slots: LinkSlots;

  /** `compactFrom`: how many gone slots are tolerated at least before compacting (tests lower it). */
  constructor(compactFrom = 1024) {
    this.slots = new LinkSlots(compactFrom);
  }

  get size(): number {
    return this.slots.size;
  }

  /** Distinct link and page keys held (a figure for diagnostics and the leak test). */
  get distinctKeys(): number {
    return this.slots.keys.size;
  }

  load(build: FullBuild): void {
    this.slots.load(build.pages, build.linkKeys);
  }

  bulkLoad(pages: Iterable<IndexedPage>): void {
    if (this.size === 0) this.slots.load([...pages]);
    else for (const page of pages) this.upsert(page);
  }

  upsert(page: IndexedPage): void {
    this.slots.remove(page.rel);
    this.slots.add(page);
  }

  remove(rel: string): void {
    this.slots.remove(rel);
  }

  /**
   * The own lookup keys of this very page object (the shared strings the graph holds), or
   * undefined when the graph holds another version of it or none: saving the catalog then
   * computes them.
   */
  ownKeys(page: IndexedPage): string[] | undefined {
    const slot = this.slots.slotOf.get(page.rel);
    if (slot === undefined || this.slots.slotPage[slot] !== page) return undefined;
    return Array.from(this.slots.slotKeys[slot]!, (key) => this.slots.keys.string(key));
  }

  /** Outgoing links of an indexed page, resolved now. */
  links(rel: string): ResolvedLink[] {
    const slot = this.slots.slotOf.get(rel);
    if (slot === undefined) return [];
    const page = this.slots.slotPage[slot]!;
    const out = this.slots.slotOut[slot]!;
    return page.out.map((key, i) => ({ from: rel, to: this.relOf(this.resolveId(out[i]!, page.workspace)), target: targetOf(key), kind: outKind(page, i) }));
  }

  /** Resolves the links of a text that is not (or not currently) the indexed page, e.g. an old version. */
  resolveFrom(scope: Scope, path: string, refs: LinkRef[]): ResolvedLink[] {
    const from = `${scope.workspace}/${scope.project}/${path}`;
    return refs.map((ref) => {
      const key = linkLookupKey(scope, path, ref);
      return { from, to: key ? this.relOf(this.resolveString(key, scope.workspace)) : null, target: ref.target, kind: ref.kind };
    });
  }

  backlinks(rel: string, limit = Number.POSITIVE_INFINITY): ResolvedLink[] {
    const out: ResolvedLink[] = [];
    const slot = this.slots.slotOf.get(rel);
    if (slot === undefined || limit <= 0) return out;
    this.forEachLinkTo(slot, this.slots.linkers, this.slots.nameLinkers, (from, key, source) => {
      const keys = this.slots.slotOut[from]!;
      for (let i = 0; i < keys.length; i++) {
        if (keys[i] === key) out.push({ from: source.rel, to: rel, target: targetOf(source.out[i]!), kind: outKind(source, i) });
      }
      return out.length >= limit;
    });
    return out;
  }

  /**
   * Pages one link away: outgoing links first, then backlinks, at most `limit` (a hub page can
   * have thousands of backlinks, and only the closest few are worth ranking).
   */
  neighbours(rel: string, limit = Number.POSITIVE_INFINITY): string[] {
    const out = new Set<string>();
    const slot = this.slots.slotOf.get(rel);
    if (slot === undefined) return [];
    // As `links` resolves them, without building a record per link (search asks this of every top hit).
    const workspace = this.slots.slotPage[slot]!.workspace;
    for (const key of this.slots.slotOut[slot]!) {
      if (out.size >= limit) return [...out];
      const to = this.relOf(this.resolveId(key, workspace));
      if (to && to !== rel) out.add(to);
    }
    if (out.size >= limit) return [...out];
    // Then the pages `backlinks(rel, limit)` lists, in its order and within its limit, without
    // a record per link: only the linking page is wanted.
    let listed = 0;
    this.forEachLinkTo(slot, this.slots.linkers, this.slots.nameLinkers, (from, key, source) => {
      let links = 0;
      for (const linkKey of this.slots.slotOut[from]!) if (linkKey === key) links++;
      if (links === 0) return false;
      listed += links;
      out.add(source.rel);
      return listed >= limit || out.size >= limit;
    });
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
    const slot = this.slots.slotOf.get(rel);
    if (slot === undefined || maxHubs <= 0) return [];
    let hubs = 0;
    // Only the links around the one pointing here are resolved, not the hub's whole list.
    this.forEachLinkTo(slot, this.slots.linkers, this.slots.nameLinkers, (from, key, hub) => {
      hubs++;
      const out = this.slots.slotOut[from]!;
      for (let i = 0; i < out.length; i++) {
        if (out[i] !== key) continue;
        for (let j = Math.max(0, i - window); j <= Math.min(out.length - 1, i + window); j++) {
          if (j === i || out[j] === key) continue;
          const other = this.relOf(this.resolveId(out[j]!, hub.workspace));
          const distance = Math.abs(j - i);
          if (other !== null && other !== rel && distance < (distances.get(other) ?? Number.POSITIVE_INFINITY)) {
            distances.set(other, distance);
            if (j > i) after.add(other);
            else after.delete(other);
          }
        }
      }
      return hubs >= maxHubs;
    });
    return [...distances].map(([other, distance]) => ({ rel: other, distance, after: after.has(other) })).sort((a, b) => a.distance - b.distance);
  }

  /** True when another page declares that it supersedes this one. */
  isSuperseded(rel: string): boolean {
    const slot = this.slots.slotOf.get(rel);
    if (slot === undefined) return false;
    let superseded = false;
    this.forEachLinkTo(slot, this.slots.superseders, null, () => (superseded = true));
    return superseded;
  }

  /**
   * The candidates of `forEachCandidate` whose link really resolves to the page in `slot` (from
   * another page), handed to `visit` with the linking slot, the link key and the linking page,
   * until it returns true.
   */
  private forEachLinkTo(slot: number, exact: SlotLists, byName: SlotLists | null, visit: (from: number, key: number, source: IndexedPage) => boolean): void {
    this.forEachCandidate(slot, exact, byName, (pair) => {
      const from = Math.floor(pair / KEY_SPAN);
      if (from === slot) return false;
      const key = pair % KEY_SPAN;
      const source = this.slots.slotPage[from]!;
      return this.resolveId(key, source.workspace) === slot && visit(from, key, source);
    });
  }

  /**
   * Pages whose links could point at the page in `slot`, each with the link key that could:
   * exact key matches, and (for unqualified names) pages in other projects using the same bare
   * name. Handed to `visit` as `from * KEY_SPAN + key`, each pair once, until it returns true
   * (callbacks, not a generator: search asks this of every top hit and its step cost ~1 %).
   */
  private forEachCandidate(slot: number, exact: SlotLists, byName: SlotLists | null, visit: (pair: number) => boolean | void): void {
    const seen = new Set<number>();
    let stop = false;
    for (const key of this.slots.slotKeys[slot]!) {
      exact.forEachSlot(key, (from) => {
        const pair = from * KEY_SPAN + key;
        if (this.slots.slotPage[from] === null || seen.has(pair)) return false;
        seen.add(pair);
        return (stop = visit(pair) === true);
      });
      if (stop) return;
      const name = this.slots.nameOf[key]!;
      if (!byName || name < 0) continue;
      byName.forEachSlot(name, (from) => {
        if (this.slots.slotPage[from] === null) return false;
        for (const linkKey of this.slots.slotOut[from]!) {
          const pair = from * KEY_SPAN + linkKey;
          if (this.slots.nameOf[linkKey] === name && !seen.has(pair)) {
            seen.add(pair);
            if (visit(pair) === true) return (stop = true);
          }
        }
        return false;
      });
      if (stop) return;
    }
  }

  /** The slot of the page a key id leads to from `workspace`, or NONE. */
  private resolveId(key: number, workspace: string): number {
    const direct = this.pick(this.slots.owners, key);
    const name = this.slots.nameOf[key]!;
    if (direct !== NONE || name < 0) return direct;
    return this.resolveName(name, this.slots.names.string(name), workspace);
  }

  /** The same for a key no page holds (a link of an old version). */
  private resolveString(key: string, workspace: string): number {
    const id = this.slots.keys.idOf(key);
    if (id !== NONE) return this.resolveId(id, workspace);
    if (!key.startsWith('n:')) return NONE;
    const name = bareName(key);
    return this.resolveName(this.slots.names.idOf(name), name, workspace);
  }

  /** An unqualified name no page of its project answers: `_global`, else the only page by that name in the workspace. */
  private resolveName(nameId: number, name: string, workspace: string): number {
    const globalKey = this.slots.keys.idOf(`n:default/${GLOBAL_PROJECT}:${name}`);
    const global = globalKey === NONE ? NONE : this.pick(this.slots.owners, globalKey);
    if (global !== NONE || nameId === NONE) return global;
    let only = NONE;
    let ambiguous = false;
    this.slots.nameOwners.forEachSlot(nameId, (slot) => {
      const page = this.slots.slotPage[slot];
      if (!page || !page.rel.startsWith(`${workspace}/`) || slot === only) return false;
      // ambiguous: several projects have a page by that name
      if (only !== NONE) return (ambiguous = true);
      only = slot;
      return false;
    });
    return ambiguous ? NONE : only;
  }

  /** Several pages can answer one key (same stem in two folders): the shortest path wins. */
  private pick(lists: SlotLists, key: number): number {
    let best = NONE;
    let bestRel = '';
    lists.forEachSlot(key, (slot) => {
      const rel = this.slots.slotPage[slot]?.rel;
      if (rel === undefined) return;
      if (best === NONE || rel.length < bestRel.length || (rel.length === bestRel.length && rel < bestRel)) {
        best = slot;
        bestRel = rel;
      }
    });
    return best;
  }

  private relOf(slot: number): string | null {
    return slot === NONE ? null : this.slots.slotPage[slot]!.rel;
  }
}

/** The link as the user wrote it, recovered from its key, for links to pages that do not exist. */
function targetOf(key: string): string {
  return bareName(key);
}
