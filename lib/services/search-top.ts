import { intentMultiplier, maxIntentMultiplier, pageTimes, type RankSignals } from '../core/intent-ranking.js';
import type { PageKind } from '../core/page.js';
import type { TimeRange } from '../core/query-dates.js';
import type { QueryIntent } from '../core/query-intent.js';
import { authorityMultiplier, MAX_AUTHORITY } from '../core/ranking.js';
import type { MemoryIndex } from '../index/memory-index.js';
import type { WikiName } from './wiki-names.js';
import { isLintPage } from './maintenance/targets.js';
import { isExpired, isSuperseded } from './page-views.js';
import type { RankedPage } from './search-hits.js';
import { firstScored } from './score-order.js';
import { supersededSince } from './search-signals.js';

export type RankedHit = RankedPage & { signals: RankSignals };

export interface TopHitsOptions {
  limit: number;
  now: Date;
  intent: QueryIntent;
  /** The asked-for days, and whether any page of the scope is dated in them. */
  time: { range?: TimeRange; rangeInScope: boolean };
  /** Superseded pages are shown (marked, below their successors) rather than left out. */
  showSuperseded: boolean;
  kinds?: PageKind[];
  includeExpired: boolean;
  /** Pages each further stream found, for their match records. */
  found: { byVocabulary: ReadonlySet<string>; byRelatedWords: ReadonlySet<string>; byWikiNames: ReadonlyMap<string, WikiName> };
}

/**
 * The page of hits, best first, from every candidate's fused relevance: each scored by its
 * authority and what the query's wording asks for (kind, days, current state, date order), then
 * checked for supersession and expiry. Most candidates are never scored (score-order.ts).
 */
export function topHits(index: MemoryIndex, scores: ReadonlyMap<string, number>, options: TopHitsOptions): RankedHit[] {
  const { limit, intent, showSuperseded, found } = options;
  const candidatePage = (rel: string) => {
    const page = index.page(rel);
    // Lint reports name the pages they are about: they would match most queries and bury the
    // pages themselves. People read them in the wiki; `ai-memory lint` prints them.
    if (!page || isLintPage(page)) return undefined;
    return options.kinds && !options.kinds.includes(page.kind) ? undefined : page;
  };
  // A date order ranks each candidate against the oldest and newest of them all.
  const times = intent.order ? [...scores.keys()].flatMap((rel) => { const page = candidatePage(rel); return page ? pageTimes(page) : []; }) : [];
  const span = times.length > 0 ? { oldest: Math.min(...times), newest: Math.max(...times) } : undefined;
  // One description of the asked-for time for every candidate (intentMultiplier only reads it).
  const time = { ...options.time, ...(span ? { span } : {}) };
  const candidate = (rel: string, fused: number): RankedHit | undefined => {
    const page = candidatePage(rel);
    if (!page) return undefined;
    const { factor, signals } = intentMultiplier(page, intent, time);
    if (found.byVocabulary.has(page.rel)) signals.vocabulary = true;
    if (found.byRelatedWords.has(page.rel)) signals.synonym = true;
    const name = found.byWikiNames.get(page.rel);
    if (name) signals.wikiName = { term: name.name, title: name.title };
    return { page, score: fused * authorityMultiplier(page) * factor, superseded: false, expired: false, signals };
  };
  const byScore = (a: RankedHit, b: RankedHit) => b.score - a.score || byRel(a.page.rel, b.page.rel);
  // Superseded and expired checks cost a graph lookup each: made best first, only as far as needed.
  const checked = (hit: RankedHit) => {
    hit.superseded = isSuperseded(index, hit.page);
    hit.expired = isExpired(hit.page, options.now);
    return !(hit.superseded && !showSuperseded) && !(hit.expired && !options.includeExpired);
  };
  if (!showSuperseded) {
    const maxIntent = maxIntentMultiplier(intent);
    return firstScored(scores, (fused) => fused * MAX_AUTHORITY * maxIntent, candidate, byScore, limit, checked);
  }
  // A superseded page shown on request ranks below its successor, which can reorder: every
  // candidate is scored and checked.
  const top: RankedHit[] = [];
  const range = options.time.range;
  for (const hit of [...scores].flatMap(([rel, fused]) => candidate(rel, fused) ?? []).sort(byScore)) {
    if (!checked(hit)) continue;
    // Superseded only after the asked-for days ("the hosting before October"), it was the
    // current page then.
    if (hit.superseded && !(range?.to && supersededSince(index, hit.page.rel) >= Date.parse(range.to))) hit.score *= 0.65;
    top.push(hit);
  }
  return top.sort(byScore).slice(0, limit);
}

// What `localeCompare` without arguments compares by, without setting it up on every call.
const byRel = new Intl.Collator().compare;
