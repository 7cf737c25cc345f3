import { passageFocus } from '../core/best-passage.js';
import { splitPage } from '../core/frontmatter.js';
import type { ServiceDeps } from './deps.js';
import { bestEntries } from './score-order.js';

/**
 * Long pages are judged by their best passage (issue 17): among the best candidates, a page
 * longer than `minBytes` whose query words lie scattered (none of its windows holds most of
 * what the page holds) loses up to `weight` of its score. Short pages are one passage already
 * and are never read. Our own session pages and handoffs are such long pages.
 */
export const PASSAGE = {
  /** Best candidates looked at (LoCoMo session level, tuning half: 10 and 20 gave the same). */
  candidates: 10,
  /** Shorter pages are one passage already, and are not read. */
  minBytes: 2000,
  /** A passage: about a paragraph, or three chat turns (30 beat 60 and 120 on LoCoMo sessions). */
  windowWords: 30,
  /** Most of the score a page with scattered words can lose (0.3 and 0.5 tied at recall@5; 0.5 lost at recall@10). */
  weight: 0.3,
} as const;

export function rerankByPassage(
  deps: ServiceDeps,
  scores: Map<string, number>,
  terms: ReadonlyArray<{ term: string; weight: number }>,
  fileText: (rel: string) => string | null,
): void {
  if (terms.length < 2 || PASSAGE.weight <= 0) return;
  const best = bestEntries(scores, PASSAGE.candidates);
  for (const [rel, score] of best) {
    const page = deps.index.page(rel);
    if (!page || page.file.size < PASSAGE.minBytes) continue;
    const text = fileText(rel);
    if (text === null) continue;
    const focus = passageFocus(splitPage(text).body, terms, PASSAGE.windowWords);
    if (focus.page <= 0) continue;
    scores.set(rel, score * (1 - PASSAGE.weight + PASSAGE.weight * (focus.window / focus.page)));
  }
}
