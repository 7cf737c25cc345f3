import { COMMON_TERMS } from './common-terms.js';

/** How many of the searched pages hold a word, and how many pages are searched. */
export interface WordShare {
  holding: number;
  pages: number;
}

// Below this many searched pages every row of a related word is scored in well under a
// millisecond, and the common ones still tell pages apart a little (the 124-page recall wiki:
// dev paraphrase r@5 0.543 -> 0.529 with the budget applied there).
export const RELATED_BUDGET_FROM_PAGES = 1000;

/**
 * The words related to a query's to search for, rarest first, while the pages holding them
 * together stay within the common share of the searched pages (core/common-terms.ts), on a large
 * scope. Words a large share of the pages hold ("redis" and "docker" on a wiki about running
 * them) tell the page meant from no other, and scoring their rows was most of such a query's time
 * (10k-page bench: "cache eviction" 8 -> 20 ms before this). Words no page holds are left out.
 */
export function rarestWithinShare(words: readonly string[], shareOf: (word: string) => WordShare): string[] {
  if (words.length === 0) return [];
  const first = shareOf(words[0]!);
  // A small scope searches them all, without counting the others.
  if (first.pages < RELATED_BUDGET_FROM_PAGES) return [...words];
  const counted = words.map((word, i) => ({ word, ...(i === 0 ? first : shareOf(word)) }));
  const pages = first.pages;
  const budget = COMMON_TERMS.share * pages;
  const kept: string[] = [];
  let holding = 0;
  for (const entry of counted.sort((a, b) => a.holding - b.holding || a.word.localeCompare(b.word))) {
    if (entry.holding === 0) continue;
    holding += entry.holding;
    if (holding > budget) break;
    kept.push(entry.word);
  }
  return kept;
}
