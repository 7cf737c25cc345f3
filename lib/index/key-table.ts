/**
 * Distinct strings numbered for as long as something uses them. The link graph stores keys and
 * names by number (typed arrays, not Maps of strings), and hands back the one shared copy of each
 * string to whoever interned it: at 50k pages ~1.2M link keys come to ~190k distinct ones.
 * An id whose last user let go is reused, so a long-running server's table stays the size of
 * what its pages use.
 */
export class KeyTable {
  private readonly ids = new Map<string, number>();
  private readonly strings: Array<string | undefined> = [];
  private readonly uses: number[] = [];
  private readonly free: number[] = [];

  /** The id of `value`, one more use of it. */
  acquire(value: string): number {
    let id = this.ids.get(value);
    if (id !== undefined) {
      this.uses[id]! += 1;
      return id;
    }
    id = this.free.pop() ?? this.strings.length;
    this.ids.set(value, id);
    this.strings[id] = value;
    this.uses[id] = 1;
    return id;
  }

  /** One use less; returns true when that was the last one (the id is then free). */
  release(id: number): boolean {
    if (!(this.uses[id]! > 0)) return false;
    if (--this.uses[id]! > 0) return false;
    this.ids.delete(this.strings[id]!);
    this.strings[id] = undefined;
    this.free.push(id);
    return true;
  }

  /**
   * Starts over with `strings[id]` as `id`, used `uses[id]` times (an id nobody uses is free).
   * Returns false, leaving the table empty, when a string is listed twice.
   */
  reset(strings: readonly string[], uses: ArrayLike<number>): boolean {
    this.clear();
    // One hash lookup per string (a duplicate shows as a Map that did not grow): at 50k pages
    // this is ~190k strings, whose first hashing is most of a warm start's link graph load.
    const { ids } = this;
    for (let id = 0; id < strings.length; id++) {
      const value = strings[id]!;
      if (uses[id]! > 0) {
        const before = ids.size;
        if (ids.set(value, id).size === before) {
          this.clear();
          return false;
        }
        this.strings.push(value);
      } else {
        this.strings.push(undefined);
        this.free.push(id);
      }
      this.uses.push(uses[id]!);
    }
    return true;
  }

  /** The id of a string in use, or -1. */
  idOf(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  /** The shared copy of an id's string (only for ids in use). */
  string(id: number): string {
    return this.strings[id]!;
  }

  /** One more than the highest id ever handed out: the length arrays indexed by id need. */
  get capacity(): number {
    return this.strings.length;
  }

  /** Distinct strings in use. */
  get size(): number {
    return this.ids.size;
  }

  clear(): void {
    this.ids.clear();
    this.strings.length = 0;
    this.uses.length = 0;
    this.free.length = 0;
  }
}
