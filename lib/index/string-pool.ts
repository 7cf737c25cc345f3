/**
 * One shared copy of equal strings, dropped when its last user releases it. Link keys repeat:
 * at 10k pages the graph holds ~280k of them but only ~40k distinct ones, each parsed or built
 * separately per page, and the copies were about 14 MB of heap.
 */
export class StringPool {
  private readonly entries = new Map<string, { value: string; uses: number }>();

  acquire(value: string): string {
    const entry = this.entries.get(value);
    if (!entry) {
      this.entries.set(value, { value, uses: 1 });
      return value;
    }
    entry.uses += 1;
    return entry.value;
  }

  release(value: string): void {
    const entry = this.entries.get(value);
    if (entry && --entry.uses === 0) this.entries.delete(value);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
