import { visitWordsStartingWith } from './word-scan.js';

/**
 * How much of a query the best passage of a long page holds, next to how much the whole page
 * holds (issue 17). bm25 scores a long page by every word it holds anywhere: a session
 * transcript that says "deploy" at its start and "timeout" an hour later matches "deploy
 * timeout" as well as a page where the two stand in one paragraph. The best window of a page
 * tells those apart.
 */
export interface PassageFocus {
  /** Weighted share of the query's words found in the page's best window, 0-1. */
  window: number;
  /** Weighted share found anywhere in the page, 0-1. */
  page: number;
}

/**
 * `terms` are the query's words with their weights (rarer words weigh more). A word of the
 * text counts as a query word when it starts with the word's stem (`stemOf`: the plural and
 * verb endings the full-text index's stemmer also strips). The window is measured in
 * characters (`windowWords` words of about 6.5 characters): only the query words' own
 * occurrences are visited, so a long page costs one regular-expression scan.
 */
export function passageFocus(text: string, terms: ReadonlyArray<{ term: string; weight: number }>, windowWords: number): PassageFocus {
  const stems = new Map<string, number>();
  terms.forEach(({ term }, i) => {
    const stem = stemOf(term.toLowerCase());
    if (/^[\p{L}\p{N}]+$/u.test(stem) && !stems.has(stem)) stems.set(stem, i);
  });
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  if (total <= 0 || stems.size === 0) return { window: 0, page: 0 };
  const byLength = [...stems.keys()].sort((a, b) => b.length - a.length);
  const hits: Array<{ at: number; term: number }> = [];
  const take = (match: string, at: number) => {
    const word = match.toLowerCase();
    const stem = byLength.find((s) => word.startsWith(s))!;
    hits.push({ at, term: stems.get(stem)! });
  };
  if (!visitWordsStartingWith(text, byLength, take)) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${byLength.join('|')})[\\p{L}\\p{N}]*`, 'giu');
    for (const match of text.matchAll(pattern)) take(match[0], match.index);
  }
  const span = windowWords * CHARS_PER_WORD;
  const inPage = new Set(hits.map((h) => h.term));
  const share = (set: Iterable<number>) => [...set].reduce((sum, i) => sum + terms[i]!.weight, 0) / total;
  // Sliding window over the hits: counts of each term inside [hits[start].at, hits[end].at].
  const counts = new Map<number, number>();
  let best = 0;
  let start = 0;
  // The window's share changes only when a term enters or leaves it: summed again only then
  // (a page can hold hundreds of hits of a handful of terms).
  let changed = false;
  for (let end = 0; end < hits.length; end++) {
    const seen = counts.get(hits[end]!.term);
    if (seen === undefined) changed = true;
    counts.set(hits[end]!.term, (seen ?? 0) + 1);
    while (hits[end]!.at - hits[start]!.at >= span) {
      const t = hits[start]!.term;
      const n = counts.get(t)! - 1;
      if (n === 0) {
        counts.delete(t);
        changed = true;
      } else counts.set(t, n);
      start += 1;
    }
    if (changed) best = Math.max(best, share(counts.keys()));
    changed = false;
  }
  return { window: best, page: share(inPage) };
}

// Average length of an English word with the space after it.
const CHARS_PER_WORD = 6.5;

/**
 * The word without the plural or verb ending and the final "e" that porter also strips
 * ("entries" and "entry", "updated" and "updates", "running" and "run" meet).
 */
export function stemOf(word: string): string {
  let stem = word;
  if (stem.length > 4 && stem.endsWith('ies')) stem = `${stem.slice(0, -3)}y`;
  else if (stem.length > 3 && stem.endsWith('s') && !stem.endsWith('ss')) stem = stem.slice(0, -1);
  for (const ending of ['ed', 'ing']) {
    if (stem.length > ending.length + 2 && stem.endsWith(ending)) {
      stem = stem.slice(0, -ending.length);
      break;
    }
  }
  if (stem.length > 3 && stem.endsWith('e')) stem = stem.slice(0, -1);
  return stem.length > 3 && stem.at(-1) === stem.at(-2) && !/[aeiousl]/.test(stem.at(-1)!) ? stem.slice(0, -1) : stem;
}
