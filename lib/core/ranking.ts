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
  coCited(rel: string): ReadonlyArray<{ rel: string; distance: number }>;
}

export const RELEVANCE = {
  /** Best full-text hits whose neighbours get a share of their relevance. */
  seeds: Number(process.env.AIM_SEEDS ?? 10),
  /** Of those, the best few whose co-cited neighbours do (each costs a walk of its backlinks). */
  coCitedSeeds: Number(process.env.AIM_CCSEEDS ?? 5),
  linked: Number(process.env.AIM_LINKED ?? 0.25),
  /** Share passed to a page listed right next to a seed; divided by `decay` per further step. */
  coCited: Number(process.env.AIM_COCITED ?? 0.5),
  decay: Number(process.env.AIM_DECAY ?? 2),
  /** A title matching every query word adds this much (the best full-text match scores 1). */
  titles: Number(process.env.AIM_TITLES ?? 1.5),
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
    for (const { rel, distance } of i < RELEVANCE.coCitedSeeds ? streams.coCited(seed) : []) {
      near.set(rel, Math.max(near.get(rel) ?? 0, RELEVANCE.coCited / RELEVANCE.decay ** (distance - 1)));
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
};

const TIER_BONUS: Partial<Record<Tier, number>> = { semantic: 0.1, procedural: 0.1, episodic: -0.08, working: -0.03 };

/**
 * A bounded multiplier that lets curated knowledge (rules, decisions, pinned pages) outrank
 * session logs that match equally well, without letting it bury a page that matches better.
 */
export function authorityMultiplier(page: AuthorityInput): number {
  let value = 1 + (KIND_BONUS[page.kind] ?? 0) + (TIER_BONUS[page.tier] ?? 0);
  if (page.pinned) value += 0.08;
  if (page.path.startsWith('_lint/')) value -= 0.2;
  const tags = new Set(page.tags.map((t) => t.toLowerCase()));
  if (tags.has('canonical') || tags.has('source-of-truth')) value += 0.2;
  if (tags.has('historical')) value = Math.min(value, 0.8);
  return Math.min(1.5, Math.max(0.55, value));
}
