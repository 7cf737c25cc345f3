import { MemoryError } from './errors.js';

/** Levenshtein distance: small inputs only (command names, option values, page paths). */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}

/** The candidates a typo most likely meant: a shared prefix or a couple of edits away. */
export function nearest(value: string, candidates: readonly string[], max = 3): string[] {
  const lower = value.toLowerCase();
  return candidates
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()), prefix: c.toLowerCase().startsWith(lower.slice(0, 3)) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(lower.length / 3)) || (lower.length >= 3 && x.prefix))
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((x) => x.c);
}

/** "; did you mean "x" or "y"?" for a message, or nothing when no candidate is close. */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const near = nearest(value, candidates);
  return near.length > 0 ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '';
}

/** Refuses an option value outside its choices, naming the likely one (`--kind decison`). */
export function requireChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new MemoryError('INVALID_INPUT', `${flag} ${JSON.stringify(value)} is not one of ${choices.join(', ')}${didYouMean(value, choices)}`);
}
