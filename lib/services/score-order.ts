/**
 * Orders of search candidates that do not sort what cannot be used. A question about days
 * ("what did we do after the migration") brings in every page dated then: tens of thousands of
 * candidates on a large wiki, of which a page of hits is read. Both give exactly what the full
 * sort gives for the part that is read.
 */

/** The best `n` entries of a map by value, as a stable sort by value (descending) then `slice(0, n)` gives them. */
export function bestEntries(scores: ReadonlyMap<string, number>, n: number): Array<[string, number]> {
  const top: Array<[string, number]> = [];
  if (n <= 0) return top;
  for (const entry of scores) {
    const value = entry[1];
    // The sort treats NaN as equal to everything: only the sort itself says where it lands.
    if (Number.isNaN(value)) return [...scores].sort((a, b) => b[1] - a[1]).slice(0, n);
    if (top.length === n && !(value > top[n - 1]![1])) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]![1] < value) at -= 1;
    top.splice(at, 0, entry);
    if (top.length > n) top.pop();
  }
  return top;
}

/**
 * The items in the order `compare` sorts them (which must put a higher `score` first), sorting
 * only those scoring at least the `wanted`-th best score until more are asked for: the full
 * order is that part sorted, then the rest sorted, since everything in the rest scores less.
 */
export function* inScoreOrder<T extends { score: number }>(items: T[], compare: (a: T, b: T) => number, wanted: number): Generator<T> {
  if (!(wanted < items.length / 4) || items.some((item) => Number.isNaN(item.score))) {
    yield* items.sort(compare);
    return;
  }
  const scores = Float64Array.from(items, (item) => item.score).sort();
  const threshold = scores[scores.length - Math.max(1, wanted)]!;
  const head = items.filter((item) => item.score >= threshold).sort(compare);
  yield* head;
  yield* items.filter((item) => !(item.score >= threshold)).sort(compare);
}

/**
 * The first `limit` items `accept` takes, walking the scored entries in `compare` order (which
 * must put a higher `score` first): what scoring every entry of `values` (`score`, undefined
 * for an entry that is no candidate) and walking them all gives, while scoring only the entries
 * that can come first. The caller promises that an entry scores at most `bound(value)`, which
 * never falls as the value grows (values below 0, NaN or infinite leave no bound). Entries are
 * scored from the largest value down, 4 x `limit` at first and twice as many each further
 * round, until the last item taken scores above every unscored entry's bound: those all come
 * after it, so the walk would have stopped before them. Touching a candidate page costs more
 * than its arithmetic (its fields lie far apart in memory), and most of a search's ~300
 * candidates cannot reach its first ten.
 */
export function firstScored<T extends { score: number }>(
  values: ReadonlyMap<string, number>,
  bound: (value: number) => number,
  score: (key: string, value: number) => T | undefined,
  compare: (a: T, b: T) => number,
  limit: number,
  accept: (item: T) => boolean,
): T[] {
  if (limit <= 0) return [];
  const sorted = Float64Array.from(values.values()).sort();
  // NaN, a negative value or an infinite one leaves no bound to trust: every entry is scored.
  const bounded = sorted.length > 0 && sorted[0]! >= 0 && Number.isFinite(sorted[sorted.length - 1]!);
  const scored: T[] = [];
  // Entries with values at or above `scoredDownTo` are scored.
  let scoredDownTo = Infinity;
  for (let wanted = 4 * limit; ; wanted *= 2) {
    const floor = !bounded || wanted >= sorted.length ? -Infinity : sorted[sorted.length - wanted]!;
    for (const [key, value] of values) {
      const scoredBefore = scoredDownTo !== Infinity && value >= scoredDownTo;
      if (scoredBefore || !(value >= floor || floor === -Infinity)) continue;
      const item = score(key, value);
      if (item) scored.push(item);
    }
    const taken: T[] = [];
    for (const item of inScoreOrder(scored, compare, 4 * limit)) {
      if (taken.length >= limit) break;
      if (accept(item)) taken.push(item);
    }
    if (floor === -Infinity) return taken;
    scoredDownTo = floor;
    // The largest value left unscored: the first below this round's floor.
    let next = sorted.length - wanted;
    while (next >= 0 && sorted[next]! >= floor) next -= 1;
    if (next < 0 || (taken.length >= limit && taken[limit - 1]!.score > bound(sorted[next]!))) return taken;
  }
}
