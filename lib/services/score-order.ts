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
