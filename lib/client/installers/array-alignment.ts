/**
 * Lines up an array's old and new elements so an edit touches only what changed: equal
 * elements are kept, similar objects/arrays are patched in place, the rest is removed or
 * inserted. Config arrays are short (a few hook groups), so a quadratic alignment is cheap,
 * and it keeps the user's own elements (and the comments between them) where they were.
 */
export type ArrayStep = { op: 'keep' | 'patch'; from: number; to: number } | { op: 'remove'; from: number } | { op: 'insert'; at: number; to: number };

export function alignArrays(before: readonly unknown[], after: readonly unknown[]): ArrayStep[] {
  const n = before.length;
  const m = after.length;
  const pairCost = (i: number, j: number) => costOfPair(before[i], after[j]);
  // cost[i][j]: cheapest way to turn before[i..] into after[j..].
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n; i >= 0; i -= 1) {
    for (let j = m; j >= 0; j -= 1) {
      if (i === n) cost[i]![j] = m - j;
      else if (j === m) cost[i]![j] = n - i;
      else cost[i]![j] = Math.min(pairCost(i, j) + cost[i + 1]![j + 1]!, 1 + cost[i + 1]![j]!, 1 + cost[i]![j + 1]!);
    }
  }
  const steps: ArrayStep[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && pairCost(i, j) + cost[i + 1]![j + 1]! === cost[i]![j]) {
      steps.push({ op: pairCost(i, j) === 0 ? 'keep' : 'patch', from: i, to: j });
      i += 1;
      j += 1;
    } else if (i < n && 1 + cost[i + 1]![j]! === cost[i]![j]) {
      steps.push({ op: 'remove', from: i });
      i += 1;
    } else {
      steps.push({ op: 'insert', at: i, to: j });
      j += 1;
    }
  }
  return steps;
}

/**
 * 0 for equal values; for two objects (or two arrays) 1 plus how much they differ, so a pair
 * sharing over a third of its scalars is patched and a less similar one replaced; 3 for the
 * rest (never cheaper than remove + insert, which cost 2).
 */
function costOfPair(a: unknown, b: unknown): number {
  if (JSON.stringify(a) === JSON.stringify(b)) return 0;
  const containers = (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b));
  if (!containers) return 3;
  const left = new Set(leaves(a, ''));
  const right = new Set(leaves(b, ''));
  const shared = [...left].filter((leaf) => right.has(leaf)).length;
  const union = left.size + right.size - shared;
  return union === 0 ? 1 : 1 + 1.5 * (1 - shared / union);
}

/** Every scalar in a value as "path=value", the unit of similarity. */
function leaves(value: unknown, path: string): string[] {
  if (typeof value !== 'object' || value === null) return [`${path}=${JSON.stringify(value)}`];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, `${path}/${key}`));
}
