import type { PageKind, Tier } from './page.js';

/** Reciprocal rank fusion constant: the usual 60 keeps one stream's top hit from dominating. */
export const RRF_K = 60;

/** Adds `weight / (k + rank)` per stream (rank is 1-based) into `scores`. */
export function fuseRanks(scores: Map<string, number>, ranked: readonly string[], weight: number): void {
  ranked.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + weight / (RRF_K + i + 1)));
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
