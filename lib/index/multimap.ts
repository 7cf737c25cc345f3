/**
 * A string -> set-of-strings map that stores a lone value as a plain string. Most link keys have
 * exactly one page behind them, and a Set per key costs ~200 bytes and an allocation; at 10k
 * pages with ~140k links that is most of the link graph's load time and memory.
 */
export class MultiMap {
  private readonly map = new Map<string, string | Set<string>>();

  add(key: string, value: string): void {
    const current = this.map.get(key);
    if (current === undefined) this.map.set(key, value);
    else if (typeof current === 'string') {
      if (current !== value) this.map.set(key, new Set([current, value]));
    } else current.add(value);
  }

  delete(key: string, value: string): void {
    const current = this.map.get(key);
    if (current === undefined) return;
    if (typeof current === 'string') {
      if (current === value) this.map.delete(key);
      return;
    }
    current.delete(value);
    if (current.size === 1) this.map.set(key, current.values().next().value!);
    else if (current.size === 0) this.map.delete(key);
  }

  get(key: string): Iterable<string> {
    const current = this.map.get(key);
    if (current === undefined) return [];
    return typeof current === 'string' ? [current] : current;
  }

  clear(): void {
    this.map.clear();
  }

  size(key: string): number {
    const current = this.map.get(key);
    return current === undefined ? 0 : typeof current === 'string' ? 1 : current.size;
  }
}
