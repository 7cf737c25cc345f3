import { pageLookupKeys } from '../core/links.js';
import type { LinkKeyNumbers } from './catalog-codec.js';
import { scopeOf, type IndexedPage } from './indexed-page.js';
import { KeyTable } from './key-table.js';
import { SlotLists } from './slot-lists.js';

export const NONE = -1;
const EMPTY = new Int32Array(0);

/**
 * What the link graph holds, as numbers: each page has a slot, each distinct key and bare name
 * an id (key-table.ts), and "who answers / who links with this key" are lists of slots by id
 * (slot-lists.ts). At 50k pages and 1.2M links, Maps of strings and Sets took ~10 s of a warm
 * start to fill; this is two passes over typed arrays. A changed page gets a new slot (its old
 * one is skipped from then on), so lists keep the order pages came in; slots that are gone are
 * compacted away once they outnumber the live ones. link-graph.ts answers questions over it.
 */
export class LinkSlots {
  readonly keys = new KeyTable();
  readonly names = new KeyTable();
  /** Key id -> id of its bare name for `n:` keys, NONE for path keys. */
  nameOf: number[] = [];
  slotPage: Array<IndexedPage | null> = [];
  /** Per slot: the key id of each of the page's links (parallel to page.out), and its own lookup keys. */
  slotOut: Int32Array[] = [];
  slotKeys: Int32Array[] = [];
  readonly slotOf = new Map<string, number>();
  /** Key -> pages answering it; bare name -> pages answering it in any project. */
  readonly owners = new SlotLists();
  readonly nameOwners = new SlotLists();
  /** Key -> pages with a link using it; bare name -> pages with unqualified links to it. */
  readonly linkers = new SlotLists();
  readonly nameLinkers = new SlotLists();
  /** The same, for `supersedes` links only, so "is this page superseded" stays cheap. */
  readonly superseders = new SlotLists();
  private dead = 0;

  /** `compactFrom`: how many gone slots are tolerated at least before compacting (tests lower it). */
  constructor(private readonly compactFrom: number) {}

  get size(): number {
    return this.slotOf.size;
  }

  /** Drops the page at `rel`; its slot is skipped from now on. */
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
    if (this.dead >= this.compactFrom && this.dead > this.size) this.load(this.slotPage.filter((page) => page !== null));
  }

  /**
   * Starts over from `pages`, in their order: keys interned (or, from a saved catalog, taken by
   * number as it lists them), then every list laid out in two passes.
   */
  load(pages: readonly IndexedPage[], linkKeys?: LinkKeyNumbers): void {
    this.clear();
    const numbered = linkKeys !== undefined && this.takeNumbers(pages, linkKeys);
    const outIds = numbered ? linkKeys.numbers : new Int32Array(pages.reduce((n, page) => n + page.out.length, 0));
    const own = numbered ? linkKeys.own : undefined;
    let at = 0;
    for (const page of pages) {
      const slot = this.slotPage.length;
      this.slotPage.push(page);
      this.slotOf.set(page.rel, slot);
      this.slotKeys.push(own ? own.numbers.subarray(own.starts[slot], own.starts[slot + 1]) : this.ownKeys(page));
      const out = outIds.subarray(at, (at += page.out.length));
      if (!numbered) for (let i = 0; i < out.length; i++) out[i] = this.internLink(page, i);
      this.slotOut.push(out);
    }
    const capacity = this.keys.capacity;
    const nameCapacity = this.names.capacity;
    this.owners.rebuild(capacity, (emit) => this.eachSlot((slot) => this.slotKeys[slot]!.forEach((key) => emit(key, slot))));
    this.nameOwners.rebuild(nameCapacity, (emit) => this.eachSlot((slot) => this.slotKeys[slot]!.forEach((key) => this.nameOf[key]! >= 0 && emit(this.nameOf[key]!, slot))));
    // A page is listed once per key (or name) it links with, however often it uses it.
    // `idOf` maps the slot's i-th link (its key id) to the list id it is filed under, NONE for none.
    const once = (size: number, idOf: (key: number, i: number, slot: number) => number) => (emit: (id: number, slot: number) => void) => {
      const last = new Int32Array(size).fill(NONE);
      this.eachSlot((slot) => {
        const out = this.slotOut[slot]!;
        for (let i = 0; i < out.length; i++) {
          const id = idOf(out[i]!, i, slot);
          if (id >= 0 && last[id] !== slot) emit(id, (last[id] = slot));
        }
      });
    };
    this.linkers.rebuild(capacity, once(capacity, (key) => key));
    this.nameLinkers.rebuild(nameCapacity, once(nameCapacity, (key) => this.nameOf[key]!));
    this.superseders.rebuild(capacity, once(capacity, (key, i, slot) => (this.slotPage[slot]!.outKinds[i] === 's' ? key : NONE)));
  }

  /**
   * Takes the saved catalog's key numbers as key ids when they describe exactly these pages:
   * 1.2M links at 50k pages are then counted, not looked up one by one. False: intern instead.
   * The pages' own keys are counted too when the catalog lists them, else interned in `load`
   * (after the links, which keeps the ids of the links as the catalog numbered them).
   */
  private takeNumbers(pages: readonly IndexedPage[], { keys, numbers, pages: numberedPages, own }: LinkKeyNumbers): boolean {
    if (numberedPages.length !== pages.length || pages.some((page, i) => page !== numberedPages[i])) return false;
    if (own && own.starts.length !== pages.length + 1) return false;
    const uses = new Int32Array(keys.length);
    for (const key of numbers) uses[key]! += 1;
    if (own) for (const key of own.numbers) uses[key]! += 1;
    if (!this.keys.reset(keys, uses)) return false;
    this.nameOf = new Array<number>(keys.length).fill(NONE);
    uses.forEach((count, key) => {
      if (count > 0 && keys[key]!.startsWith('n:')) this.nameOf[key] = this.names.acquire(bareName(keys[key]!));
    });
    return true;
  }

  /** A page that came or changed, on a new slot at the end. */
  add(page: IndexedPage): void {
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

export function bareName(key: string): string {
  return key.slice(key.indexOf(':', 2) + 1);
}
