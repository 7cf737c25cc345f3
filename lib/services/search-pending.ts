import type { QueryIntent } from '../core/query-intent.js';
import type { IndexedPage } from '../index/indexed-page.js';
import type { ServiceDeps } from './deps.js';
import { pendingByProject } from './pending-handoffs.js';
import { pagesIn } from './search-signals.js';

// Across every project a "where did we leave off" is ambiguous: the most recent few, not all.
const UNSCOPED_PENDING = 3;
// Far above any fused relevance once authority and intent multiply it: the pending handoff is
// the answer to a "where did we leave off", whatever else shares the question's words.
const PENDING_LEAD = 1000;

/**
 * The open (pending) handoffs a "where did we leave off" question asks for, newest first: the
 * newest of each searched project, or the newest few when every project is searched. None when
 * the question is not one of those, or nothing is pending.
 */
export function pendingHandoffs(deps: ServiceDeps, intent: QueryIntent, scopeKeys: string[] | null): IndexedPage[] {
  if (!intent.resume) return [];
  const newest = [...pendingByProject(pagesIn(deps, scopeKeys)).values()].map((list) => list[0]!);
  newest.sort((a, b) => b.handoff!.created.localeCompare(a.handoff!.created));
  return newest.slice(0, scopeKeys === null ? UNSCOPED_PENDING : undefined);
}

/** Puts the pending handoffs above every other candidate, newest first. */
export function addPendingHandoffs(scores: Map<string, number>, pages: readonly IndexedPage[]): void {
  let best = 1;
  for (const score of scores.values()) if (score > best) best = score;
  pages.forEach((page, i) => scores.set(page.rel, best * PENDING_LEAD / (1 + i)));
}
