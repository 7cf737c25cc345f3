import type { PageKind, Tier } from './page.js';

export interface RelevanceStreams {
  /** Full-text matches, best first, with their bm25 rank (lower is better, as FTS5 gives it). */
  fullText: ReadonlyArray<{ rel: string; rank: number }>;
  /** Fuzzy and prefix title matches, best first. */
  titles: ReadonlyArray<{ rel: string; score: number; matchedTerms: number }>;
  /** How many of the best title matches count even when the full text did not find them. */
  titleOnlyLimit: number;
  /** Distinct words in the query, for the share of them a title matched. */
  queryTerms: number;
  /** Pages one link away from a page. */
  linked(rel: string): readonly string[];
  /** Pages listed near a page on a page linking to both, with their distance in links. */
  coCited(rel: string): ReadonlyArray<{ rel: string; distance: number; after?: boolean }>;
  /** True for a short page that asks a question: the page listed after it is likely its answer. */
  asksQuestion?(rel: string): boolean;
}

export const RELEVANCE = {
  /** Best full-text hits whose neighbours get a share of their relevance. */
  seeds: 10,
  /** Of those, the best few whose co-cited neighbours do (each costs a walk of its backlinks). */
  coCitedSeeds: 5,
  linked: 0.25,
  /**
   * Share passed to a page listed right before a seed, and right after it; divided by `decay`
   * per further step. Lists of a session run in time order, and a reply follows what it
   * answers (on LoCoMo 0.5/0.5 -> 0.4/0.6 moved recall@5 by about +0.005).
   */
  coCited: 0.4,
  coCitedAfter: 0.6,
  /**
   * Share passed to the page listed right after a seed that asks a question (a short page with
   * a question mark): in a chat log or an FAQ, the next entry answers it (+0.003 on LoCoMo).
   */
  coCitedAfterQuestion: 0.9,
  decay: 2,
  /** A title matching every query word adds this much (the best full-text match scores 1). */
  titles: 1.5,
  /**
   * Full-text scores are multiplied by the share of the query's distinctive words a page holds,
   * to this power (a coordination factor): a page matching three of four words outranks one
   * repeating a single rare word. 1 -> 1.2 (issue 17): LoCoMo turn level 0.751/0.829 ->
   * 0.755/0.829 on the tuning half, 0.753/0.823 -> 0.755/0.825 held out; 1.4 lost at recall@10.
   */
  coordination: 1.2,
  /**
   * Added to a full-text hit that also holds a word common in the scope (e.g. a person's name),
   * and again when that word is in its title (on LoCoMo, where every turn's title names its
   * speaker, 0.2 anywhere -> 0.1 anywhere + 0.3 in the title moved recall@5 by +0.011).
   */
  commonWord: 0.1,
  commonWordInTitle: 0.3,
  /** Added to a full-text hit holding a word that answers the question's kind (core/answer-cues.ts). */
  answerCue: 0.2,
  /** Added to a page whose vocabulary holds two query words side by side (search-signals.ts). */
  wordPair: 0.3,
  /** The best match on the wiki's own words for a page (aliases, link words) adds this much. */
  vocabulary: 0.8,
  /** A full-text match on words related to the query's (core/related-words.ts) counts this share of one on its own words. */
  relatedWords: 0.5,
} as const;

/**
 * Relevance of every candidate page, from 0 up: the full-text score scaled so the best match is
 * 1, plus a share of the relevance of well-matching pages it is linked to or listed beside (the
 * answer to a question often sits in the reply next to the message that repeats its words), plus
 * fuzzy title matches weighted by how much of the query they cover (a title that matches one
 * common word of five says little). Scores, not ranks, are fused so that a weak match stays weak.
 */
export function relevanceScores(streams: RelevanceStreams): Map<string, number> {
  const scores = new Map<string, number>();
  const add = (rel: string, value: number) => scores.set(rel, (scores.get(rel) ?? 0) + value);
  const best = streams.fullText.length > 0 ? -streams.fullText[0]!.rank : 0;
  const base = new Map<string, number>();
  for (const { rel, rank } of streams.fullText) {
    const value = best > 0 ? Math.max(0, -rank) / best : 1;
    base.set(rel, value);
    add(rel, value);
  }
  streams.fullText.slice(0, RELEVANCE.seeds).forEach(({ rel: seed }, i) => {
    const share = base.get(seed)!;
    const near = new Map<string, number>();
    for (const rel of streams.linked(seed)) near.set(rel, RELEVANCE.linked);
    // Whether the seed asks a question reads its file: only asked once a page listed after it needs it.
    let asks: boolean | undefined;
    const asksQuestion = () => (asks ??= streams.asksQuestion?.(seed) ?? false);
    for (const { rel, distance, after } of i < RELEVANCE.coCitedSeeds ? streams.coCited(seed) : []) {
      const share = after ? (asksQuestion() ? RELEVANCE.coCitedAfterQuestion : RELEVANCE.coCitedAfter) : RELEVANCE.coCited;
      near.set(rel, Math.max(near.get(rel) ?? 0, share / RELEVANCE.decay ** (distance - 1)));
    }
    for (const [rel, weight] of near) if (rel !== seed) add(rel, weight * share);
  });
  // Title matches refine full-text hits; only the best few bring in pages of their own.
  const topTitle = streams.titles[0]?.score ?? 0;
  streams.titles.forEach(({ rel, score, matchedTerms }, i) => {
    if (i >= streams.titleOnlyLimit && !scores.has(rel)) return;
    const coverage = Math.min(1, matchedTerms / Math.max(1, streams.queryTerms));
    add(rel, RELEVANCE.titles * coverage * coverage * (topTitle > 0 ? score / topTitle : 0));
  });
  return scores;
}

export interface AuthorityInput {
  kind: PageKind;
  tier: Tier;
  pinned: boolean;
  path: string;
  tags: readonly string[];
}

const KIND_BONUS: Partial<Record<PageKind, number>> = {
  rule: 0.15,
  decision: 0.15,
  procedure: 0.12,
  gotcha: 0.12,
  concept: 0.07,
  session: -0.15,
  // Handoffs are session logs too; titled by what the session was about, they would otherwise
  // outrank the curated page on the same subject.
  handoff: -0.15,
};

const TIER_BONUS: Partial<Record<Tier, number>> = { semantic: 0.1, procedural: 0.1, episodic: -0.08, working: -0.03 };

/** The largest `authorityMultiplier` of any page (search scores only the candidates that could reach the first hits with it). */
export const MAX_AUTHORITY = 1.5;

/**
 * A bounded multiplier that lets curated knowledge (rules, decisions, pinned pages) outrank
 * session logs that match equally well, without letting it bury a page that matches better.
 */
export function authorityMultiplier(page: AuthorityInput): number {
  let value = 1 + (KIND_BONUS[page.kind] ?? 0) + (TIER_BONUS[page.tier] ?? 0);
  if (page.pinned) value += 0.08;
  // Asked of every candidate (tens of thousands for a question about days): no set per page.
  let canonical = false;
  let historical = false;
  for (const tag of page.tags) {
    // Only a tag of one of these lengths can be one of them (lowercasing keeps the length of
    // anything that becomes ASCII): most tags are turned down without a lowercase copy.
    if (tag.length !== 9 && tag.length !== 10 && tag.length !== 15) continue;
    const lower = tag.toLowerCase();
    if (lower === 'canonical' || lower === 'source-of-truth') canonical = true;
    else if (lower === 'historical') historical = true;
  }
  if (canonical) value += 0.2;
  if (historical) value = Math.min(value, 0.8);
  return Math.min(MAX_AUTHORITY, Math.max(0.55, value));
}
