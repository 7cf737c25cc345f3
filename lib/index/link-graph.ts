import { linkLookupKey, pageLookupKeys, type LinkKind, type LinkRef } from '../core/links.js';
import { GLOBAL_PROJECT, type Scope } from '../core/paths.js';
import type { LinkKeyNumbers } from './catalog-codec.js';
import type { DerivedIndex, FullBuild } from './derived-index.js';
import { outKind, scopeOf, type IndexedPage } from './indexed-page.js';
import { KeyTable } from './key-table.js';
import { SlotLists } from './slot-lists.js';

export interface ResolvedLink {
  from: string;
  /** The target page's rel, or null while no page answers to the link. */
  to: string | null;
  target: string;
  kind: LinkKind;
}

const NONE = -1;
const EMPTY = new Int32Array(0);
/** Room for key ids in one number that also holds a slot (see `candidates`). */
const KEY_SPAN = 2 ** 26;

/**
 * Links and backlinks, resolved lazily. Each page is reachable by lookup keys (its path, file
 * stem and title, see core/links.ts); each link is stored as the key it looks up. A link is
 * resolved when asked for, so a page that appears later answers links written before it, with
 * no bookkeeping on writes. Backlinks are the pages whose link keys match one of the page's
 * keys, checked by resolving them. An unqualified `[[name]]` that no page in its own project
 * answers falls back to `_global`, then to a unique match in the workspace.
 *
 * Held as numbers: each page has a slot, each distinct key and bare name an id (key-table.ts),
 * and "who answers / who links with this key" are lists of slots by id (slot-lists.ts). At 50k
 * pages and 1.2M links, Maps of strings and Sets took ~10 s of a warm start to fill; this is
 * two passes over typed arrays. A changed page gets a new slot (its old one is skipped from
 * then on), so lists keep the order pages came in; slots that are gone are compacted away once
 * they outnumber the live ones.
 */
export class LinkGraph implements DerivedIndex {
  readonly name = 'link graph';
  private readonly keys = new KeyTable();
  private readonly names = new KeyTable();
  /** Key id -> id of its bare name for `n:` keys, NONE for path keys. */
  private nameOf: number[] = [];
  private slotPage: Array<IndexedPage | null> = [];
  /** Per slot: the key id of each of the page's links (parallel to page.out), and its own lookup keys. */
  private slotOut: Int32Array[] = [];
  private slotKeys: Int32Array[] = [];
  private readonly slotOf = new Map<string, number>();
  /** Key -> pages answering it; bare name -> pages answering it in any project. */
  private readonly owners = new SlotLists();
  private readonly nameOwners = new SlotLists();
  /** Key -> pages with a link using it; bare name -> pages with unqualified links to it. */
  private readonly linkers = new SlotLists();
  private readonly nameLinkers = new SlotLists();
  /** The same, for `supersedes` links only, so "is this page superseded" stays cheap. */
  private readonly superseders = new SlotLists();
  private dead = 0;

  /** `compactFrom`: how many gone slots are tolerated at least before compacting (tests lower it). */
  constructor(private readonly compactFrom = 1024) {}

  get size(): number {
    return this.slotOf.size;
  }

  /** Distinct link and page keys held (a figure for diagnostics and the leak test). */
  get distinctKeys(): number {
    return this.keys.size;
  }

  load(build: FullBuild): void {
    this.loadPages(build.pages, build.linkKeys);
  }

  bulkLoad(pages: Iterable<IndexedPage>): void {
    if (this.size === 0) this.loadPages([...pages]);
    else for (const page of pages) this.upsert(page);
  }

  upsert(page: IndexedPage): void {
    this.remove(page.rel);
    this.add(page);
  }

  remove(rel: string): void {
    const slot = this.slotOf.get(rel);
    if (slot === undefined) return;
    for (const key of this.slotKeys[slot]!) this.releaseKey(key);
    for (const key of this.slotOut[slot]!) this.releaseKey(key);
    this.slotPage[slot] = null;
    this.slotOut[slot] = EMPTY;
    this.slotKeys[slot] = EMPTY;
    this.slotOf.delete(rel);
    this.dead += 1;
    if (this.dead >= this.compactFrom && this.dead > this.size) this.loadPages(this.slotPage.filter((page) => page !== null));
  }

  /** Outgoing links of an indexed page, resolved now. */
  links(rel: string): ResolvedLink[] {
    const slot = this.slotOf.get(rel);
    if (slot === undefined) return [];
    const page = this.slotPage[slot]!;
    const out = this.slotOut[slot]!;
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
    const slot = this.slotOf.get(rel);
    if (slot === undefined) return out;
    for (const pair of this.candidates(slot, this.linkers, this.nameLinkers)) {
      if (out.length >= limit) break;
      const from = Math.floor(pair / KEY_SPAN);
      const key = pair % KEY_SPAN;
      const source = this.slotPage[from]!;
      if (from === slot || this.resolveId(key, source.workspace) !== slot) continue;
      const keys = this.slotOut[from]!;
      for (let i = 0; i < keys.length; i++) {
        if (keys[i] === key) out.push({ from: source.rel, to: rel, target: targetOf(source.out[i]!), kind: outKind(source, i) });
      }
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
    const slot = this.slotOf.get(rel);
    if (slot === undefined) return [];
    let hubs = 0;
    // Only the links around the one pointing here are resolved, not the hub's whole list.
    for (const pair of this.candidates(slot, this.linkers, this.nameLinkers)) {
      if (hubs >= maxHubs) break;
      const from = Math.floor(pair / KEY_SPAN);
      const key = pair % KEY_SPAN;
      if (from === slot) continue;
      const hub = this.slotPage[from]!;
      if (this.resolveId(key, hub.workspace) !== slot) continue;
      hubs++;
      const out = this.slotOut[from]!;
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
    }
    return [...distances].map(([other, distance]) => ({ rel: other, distance, after: after.has(other) })).sort((a, b) => a.distance - b.distance);
  }

  /** True when another page declares that it supersedes this one. */
  isSuperseded(rel: string): boolean {
    const slot = this.slotOf.get(rel);
    if (slot === undefined) return false;
    for (const pair of this.candidates(slot, this.superseders, null)) {
      const from = Math.floor(pair / KEY_SPAN);
      if (from !== slot && this.resolveId(pair % KEY_SPAN, this.slotPage[from]!.workspace) === slot) return true;
    }
    return false;
  }

  /**
   * Starts over from `pages`, in their order: keys interned (or, from a saved catalog, taken by
   * number as it lists them), then every list laid out in two passes.
   */
  private loadPages(pages: readonly IndexedPage[], linkKeys?: LinkKeyNumbers): void {
    this.clear();
    const numbered = linkKeys !== undefined && this.takeNumbers(pages, linkKeys);
    const outIds = numbered ? linkKeys.numbers : new Int32Array(pages.reduce((n, page) => n + page.out.length, 0));
    let at = 0;
    for (const page of pages) {
      const slot = this.slotPage.length;
      this.slotPage.push(page);
      this.slotOf.set(page.rel, slot);
      this.slotKeys.push(this.ownKeys(page));
      const out = outIds.subarray(at, (at += page.out.length));
      if (!numbered) for (let i = 0; i < out.length; i++) out[i] = this.internLink(page, i);
      this.slotOut.push(out);
    }
    const capacity = this.keys.capacity;
    const nameCapacity = this.names.capacity;
    this.owners.rebuild(capacity, (emit) => this.eachSlot((slot) => this.slotKeys[slot]!.forEach((key) => emit(key, slot))));
    this.nameOwners.rebuild(nameCapacity, (emit) => this.eachSlot((slot) => this.slotKeys[slot]!.forEach((key) => this.nameOf[key]! >= 0 && emit(this.nameOf[key]!, slot))));
    // A page is listed once per key (or name) it links with, however often it uses it.
    const once = (size: number, idOf: (key: number, slot: number) => number) => (emit: (id: number, slot: number) => void) => {
      const last = new Int32Array(size).fill(NONE);
      this.eachSlot((slot) => {
        const out = this.slotOut[slot]!;
        for (let i = 0; i < out.length; i++) {
          const id = idOf(out[i]!, i);
          if (id >= 0 && last[id] !== slot) emit(id, (last[id] = slot));
        }
      });
    };
    this.linkers.rebuild(capacity, once(capacity, (key) => key));
    this.nameLinkers.rebuild(nameCapacity, once(nameCapacity, (key) => this.nameOf[key]!));
    const supersedes = (slot: number, i: number) => this.slotPage[slot]!.outKinds[i] === 's';
    this.superseders.rebuild(capacity, (emit) => {
      const last = new Int32Array(capacity).fill(NONE);
      this.eachSlot((slot) => this.slotOut[slot]!.forEach((key, i) => supersedes(slot, i) && last[key] !== slot && emit(key, (last[key] = slot))));
    });
  }

  /**
   * Takes the saved catalog's key numbers as key ids when they describe exactly these pages:
   * 1.2M links at 50k pages are then counted, not looked up one by one. False: intern instead.
   */
  private takeNumbers(pages: readonly IndexedPage[], { keys, numbers, pages: numberedPages }: LinkKeyNumbers): boolean {
    if (numberedPages.length !== pages.length || pages.some((page, i) => page !== numberedPages[i])) return false;
    const uses = new Int32Array(keys.length);
    for (const key of numbers) uses[key]! += 1;
    if (!this.keys.reset(keys, uses)) return false;
    this.nameOf = new Array<number>(keys.length).fill(NONE);
    uses.forEach((count, key) => {
      if (count > 0 && keys[key]!.startsWith('n:')) this.nameOf[key] = this.names.acquire(bareName(keys[key]!));
    });
    return true;
  }

  /** A page that came or changed, on a new slot at the end. */
  private add(page: IndexedPage): void {
    const slot = this.slotPage.length;
    this.slotPage.push(page);
    this.slotOf.set(page.rel, slot);
    const own = this.ownKeys(page);
    this.slotKeys.push(own);
    for (const key of own) {
      this.owners.add(key, slot);
      if (this.nameOf[key]! >= 0) this.nameOwners.add(this.nameOf[key]!, slot);
    }
    const out = new Int32Array(page.out.length);
    // Listed once per key (or name) however often the page uses it, as a full load does.
    const once = (lists: SlotLists, seen: Set<number>, id: number) => {
      if (id < 0 || seen.has(id)) return;
      seen.add(id);
      lists.add(id, slot);
    };
    const [keys, names, supersedes] = [new Set<number>(), new Set<number>(), new Set<number>()];
    for (let i = 0; i < out.length; i++) {
      const key = (out[i] = this.internLink(page, i));
      once(this.linkers, keys, key);
      once(this.nameLinkers, names, this.nameOf[key]!);
      if (page.outKinds[i] === 's') once(this.superseders, supersedes, key);
    }
    this.slotOut.push(out);
  }

  private eachSlot(visit: (slot: number) => void): void {
    for (let slot = 0; slot < this.slotPage.length; slot++) if (this.slotPage[slot] !== null) visit(slot);
  }

  private ownKeys(page: IndexedPage): Int32Array {
    return Int32Array.from(pageLookupKeys(scopeOf(page), page.path, page.title), (key) => this.internKey(key));
  }

  /** Interns the page's i-th link key; the page keeps the shared copy of the string. */
  private internLink(page: IndexedPage, i: number): number {
    const key = this.internKey(page.out[i]!);
    page.out[i] = this.keys.string(key);
    return key;
  }

  private internKey(value: string): number {
    const known = this.keys.size;
    const key = this.keys.acquire(value);
    if (this.keys.size > known) this.nameOf[key] = value.startsWith('n:') ? this.names.acquire(bareName(value)) : NONE;
    return key;
  }

  private releaseKey(key: number): void {
    const name = this.nameOf[key]!;
    if (!this.keys.release(key)) return;
    for (const lists of [this.owners, this.linkers, this.superseders]) lists.forget(key);
    if (name >= 0 && this.names.release(name)) for (const lists of [this.nameOwners, this.nameLinkers]) lists.forget(name);
  }

  /**
   * Pages whose links could point at the page in `slot`, each with the link key that could:
   * exact key matches, and (for unqualified names) pages in other projects using the same bare
   * name. Yielded as `from * KEY_SPAN + key`, each pair once.
   */
  private *candidates(slot: number, exact: SlotLists, byName: SlotLists | null): Generator<number> {
    const seen = new Set<number>();
    for (const key of this.slotKeys[slot]!) {
      for (const from of exact.slots(key)) {
        const pair = from * KEY_SPAN + key;
        if (this.slotPage[from] === null || seen.has(pair)) continue;
        seen.add(pair);
        yield pair;
      }
      const name = this.nameOf[key]!;
      if (!byName || name < 0) continue;
      for (const from of byName.slots(name)) {
        if (this.slotPage[from] === null) continue;
        for (const linkKey of this.slotOut[from]!) {
          const pair = from * KEY_SPAN + linkKey;
          if (this.nameOf[linkKey] === name && !seen.has(pair)) {
            seen.add(pair);
            yield pair;
          }
        }
      }
    }
  }

  /** The slot of the page a key id leads to from `workspace`, or NONE. */
  private resolveId(key: number, workspace: string): number {
    const direct = this.pick(this.owners, key);
    const name = this.nameOf[key]!;
    if (direct !== NONE || name < 0) return direct;
    return this.resolveName(name, this.names.string(name), workspace);
  }

  /** The same for a key no page holds (a link of an old version). */
  private resolveString(key: string, workspace: string): number {
    const id = this.keys.idOf(key);
    if (id !== NONE) return this.resolveId(id, workspace);
    if (!key.startsWith('n:')) return NONE;
    const name = bareName(key);
    return this.resolveName(this.names.idOf(name), name, workspace);
  }

  /** An unqualified name no page of its project answers: `_global`, else the only page by that name in the workspace. */
  private resolveName(nameId: number, name: string, workspace: string): number {
    const globalKey = this.keys.idOf(`n:default/${GLOBAL_PROJECT}:${name}`);
    const global = globalKey === NONE ? NONE : this.pick(this.owners, globalKey);
    if (global !== NONE || nameId === NONE) return global;
    let only = NONE;
    for (const slot of this.nameOwners.slots(nameId)) {
      const page = this.slotPage[slot];
      if (!page || !page.rel.startsWith(`${workspace}/`) || slot === only) continue;
      if (only !== NONE) return NONE; // ambiguous: several projects have a page by that name
      only = slot;
    }
    return only;
  }

  /** Several pages can answer one key (same stem in two folders): the shortest path wins. */
  private pick(lists: SlotLists, key: number): number {
    let best = NONE;
    let bestRel = '';
    for (const slot of lists.slots(key)) {
      const rel = this.slotPage[slot]?.rel;
      if (rel === undefined) continue;
      if (best === NONE || rel.length < bestRel.length || (rel.length === bestRel.length && rel < bestRel)) {
        best = slot;
        bestRel = rel;
      }
    }
    return best;
  }

  private relOf(slot: number): string | null {
    return slot === NONE ? null : this.slotPage[slot]!.rel;
  }

  private clear(): void {
    this.keys.clear();
    this.names.clear();
    this.nameOf = [];
    this.slotPage = [];
    this.slotOut = [];
    this.slotKeys = [];
    this.slotOf.clear();
    for (const lists of [this.owners, this.nameOwners, this.linkers, this.nameLinkers, this.superseders]) lists.clear();
    this.dead = 0;
  }
}

function bareName(key: string): string {
  return key.slice(key.indexOf(':', 2) + 1);
}

/** The link as the user wrote it, recovered from its key, for links to pages that do not exist. */
function targetOf(key: string): string {
  return bareName(key);
}
