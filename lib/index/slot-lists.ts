/**
 * For each id (a key or name of the link graph), the page slots listed under it, in the order
 * they were added. A full load lays them out in two typed arrays (compressed rows: one offset per
 * id, one slot per entry), which costs a counting pass and a filling pass and no allocation per
 * entry; pages added later go to a small overlay. Entries are never removed: the graph gives a
 * changed page a new slot and skips slots that are gone, and compacts itself when they pile up.
 */
export class SlotLists {
  private start = new Int32Array(1);
  private items = new Int32Array(0);
  private readonly extra = new Map<number, number[]>();

  /**
   * Replaces every list with the (id, slot) pairs `visit` emits; `visit` is called twice (to
   * count, then to fill) and must emit the same pairs both times.
   */
  rebuild(capacity: number, visit: (emit: (id: number, slot: number) => void) => void): void {
    const start = new Int32Array(capacity + 1);
    visit((id) => void start[id + 1]!++);
    for (let id = 0; id < capacity; id++) start[id + 1]! += start[id]!;
    const items = new Int32Array(start[capacity]!);
    const next = start.slice(0, capacity);
    visit((id, slot) => void (items[next[id]!++] = slot));
    this.start = start;
    this.items = items;
    this.extra.clear();
  }

  add(id: number, slot: number): void {
    const list = this.extra.get(id);
    if (list) list.push(slot);
    else this.extra.set(id, [slot]);
  }

  /**
   * The slots listed under `id`, those of the full load first, each in the order it was added,
   * handed to `visit` until it returns true (a callback, not a generator: the link graph asks
   * this of every top hit of a search, and a generator's step per slot cost ~1 % of a search).
   */
  forEachSlot(id: number, visit: (slot: number) => boolean | void): void {
    if (id + 1 < this.start.length) {
      const items = this.items;
      for (let i = this.start[id]!, end = this.start[id + 1]!; i < end; i++) if (visit(items[i]!) === true) return;
    }
    const list = this.extra.get(id);
    if (list) for (const slot of list) if (visit(slot) === true) return;
  }

  /** Drops the overlay entries of an id nothing uses any more (its full-load entries are all gone slots). */
  forget(id: number): void {
    this.extra.delete(id);
  }

  clear(): void {
    this.start = new Int32Array(1);
    this.items = new Int32Array(0);
    this.extra.clear();
  }
}
