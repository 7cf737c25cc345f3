import { inTimeRange, pageTimes, TIME } from '../core/intent-ranking.js';
import type { QueryIntent } from '../core/query-intent.js';
import type { Scope } from '../core/paths.js';
import { anchorRange, eventAnchor, type TimeRange } from '../core/query-dates.js';
import { rarestWithinShare } from '../core/related-budget.js';
import { RELEVANCE } from '../core/ranking.js';
import { prepareFtsQuery, type PreparedQuery } from '../core/search-query.js';
import { relatedWords } from '../core/related-words.js';
import type { IndexedPage } from '../index/indexed-page.js';
import type { ServiceDeps } from './deps.js';
import { isLintPage } from './maintenance/targets.js';

/**
 * Relevance streams beyond the page text (issue 17): the days a query names, and the wiki's own
 * words for a page. Each adds to the fused scores of search.ts on the same scale (the best
 * full-text match scores 1).
 */

/**
 * The prepared query; when it names no date but an event ("since the v2 release"), the event
 * is dated by the page that best matches it, and the query asks for the days around it.
 */
export function anchoredQuery(deps: ServiceDeps, q: string, asOf: Date, scopeKeys: string[] | null): PreparedQuery {
  const query = prepareFtsQuery(q, asOf);
  const anchor = query.range ? null : eventAnchor(q);
  if (!anchor) return query;
  const match = prepareFtsQuery(anchor.phrase).match;
  const best = match ? deps.index.fullText.match(match, scopeKeys, 1)[0] : undefined;
  const page = best ? deps.index.pageById(best.id) : undefined;
  const at = page ? Date.parse(page.created ?? page.updated ?? '') : NaN;
  if (!Number.isFinite(at)) return query;
  // The event's words stay in the query: when the range turns out to single nothing out (pages
  // all written the same day), they are what the query has (LoCoMo turn level lost 0.01 without).
  return { ...query, range: anchorRange(anchor, at, asOf) };
}

/** What the days a query asks about can do on the searched scope (see `rangeEffect`). */
export interface RangeEffect {
  /** Some pages of the scope are dated in the range and some are not: those outside rank lower. */
  penalizes: boolean;
  /** Few enough pages are in it that each of them is worth bringing in. */
  boosts: boolean;
  dated: IndexedPage[];
}

/**
 * Whether the asked-for days single anything out. Days holding none of the scope's pages, or all
 * of them (any date on pages all written at import), say nothing. Days holding most of them
 * ("before October" on a wiki started in May) still rank the pages written later lower, but
 * are too many to bring in pages that share none of the query's words.
 */
export function rangeEffect(deps: ServiceDeps, range: TimeRange, scopeKeys: string[] | null): RangeEffect {
  const all = [...pagesIn(deps, scopeKeys)].filter((page) => !isLintPage(page));
  const dated = all.filter((page) => inTimeRange(page, range));
  const penalizes = dated.length > 0 && dated.length < all.length;
  return { penalizes, boosts: penalizes && dated.length <= TIME.maxShare * all.length, dated };
}

/**
 * Pages dated in the asked-for days come in even when they share none of the query's words
 * ("what did we do last week"), and text matches dated then rank higher.
 */
export function addDatedPages(scores: Map<string, number>, effect: RangeEffect): void {
  if (!effect.boosts) return;
  for (const page of effect.dated) scores.set(page.rel, (scores.get(page.rel) ?? 0) + (scores.has(page.rel) ? TIME.inRange : TIME.dateOnly));
}

/**
 * The wiki's own words for a page (its aliases, the words links to it are written with) count
 * like a full-text match scaled to the best vocabulary match: a page the wiki calls "the
 * nightly recon" is found by those words even though its text says "reconciliation run".
 * Query words side by side there add a bonus. Returns the pages it found.
 */
export function addVocabularyMatches(
  deps: ServiceDeps,
  scores: Map<string, number>,
  query: { match: string | null; pairs: string[]; scopeKeys: string[] | null; limit: number },
): Set<string> {
  const found = new Set<string>();
  if (!query.match) return found;
  const { index } = deps;
  const matches = index.fullText.matchVocabulary(query.match, query.scopeKeys, query.limit);
  const best = matches.length > 0 ? -matches[0]!.rank : 0;
  for (const m of matches) {
    const rel = index.pageById(m.id)?.rel;
    if (rel === undefined || best <= 0) continue;
    scores.set(rel, (scores.get(rel) ?? 0) + RELEVANCE.vocabulary * (Math.max(0, -m.rank) / best));
    found.add(rel);
  }
  if (query.pairs.length === 0 || matches.length === 0) return found;
  for (const m of index.fullText.matchVocabulary(query.pairs.join(' OR '), query.scopeKeys, query.limit)) {
    const rel = index.pageById(m.id)?.rel;
    if (rel !== undefined && scores.has(rel)) scores.set(rel, scores.get(rel)! + RELEVANCE.wordPair);
  }
  return found;
}

/**
 * Words related to the query's words (core/related-words.ts: "secret" for "password") search
 * the page text as well, and a page they match gains a share of what the same full-text score
 * would give for the query's own words: a paraphrase finds the page, a page holding the
 * query's own words still ranks first. Returns the pages it found.
 */
export function addRelatedWordMatches(
  deps: ServiceDeps,
  scores: Map<string, number>,
  query: ExpansionQuery & { terms: readonly string[] },
): Set<string> {
  const own = new Set(query.terms);
  const candidates = new Set(query.terms.flatMap(relatedWords).filter((w) => !own.has(w)));
  const related = rarestWithinShare([...candidates], (word) => deps.index.fullText.share(quotedAlternatives([word]), query.scopeKeys));
  return related.length === 0 ? new Set() : addExpansionMatches(deps, scores, quotedAlternatives(related), query);
}

/** How an expansion of the query is searched and scaled (see `addExpansionMatches`). */
export interface ExpansionQuery {
  /** The best full-text score of the query's own words (bm25, sign flipped), 0 when none. */
  best: number;
  scopeKeys: string[] | null;
  limit: number;
  coverage?: (id: number) => number;
}

/**
 * Pages matching an expansion of the query (related words, the wiki's other names for a thing)
 * gain `RELEVANCE.relatedWords` of what the same full-text score would give for the query's own
 * words, scaled by the share of the query's ideas they cover. Returns the pages it found.
 */
export function addExpansionMatches(deps: ServiceDeps, scores: Map<string, number>, expression: string, query: ExpansionQuery): Set<string> {
  const found = new Set<string>();
  const matches = deps.index.fullText.match(expression, query.scopeKeys, query.limit);
  const factor = (id: number) => (query.coverage ? Math.max(0.05, query.coverage(id)) ** RELEVANCE.coordination : 1);
  const scored = matches.map((m) => ({ id: m.id, value: Math.max(0, -m.rank) * factor(m.id) }));
  const best = query.best > 0 ? query.best : Math.max(0, ...scored.map((m) => m.value));
  if (best <= 0) return found;
  for (const m of scored) {
    const rel = deps.index.pageById(m.id)?.rel;
    if (rel === undefined) continue;
    scores.set(rel, (scores.get(rel) ?? 0) + RELEVANCE.relatedWords * Math.min(1, m.value / best));
    found.add(rel);
  }
  return found;
}

/** The FTS5 expression for the words related to one query word, or null when it has none. */
export function relatedExpression(term: string | undefined): string | null {
  const related = term ? relatedWords(term).filter((w) => w !== term) : [];
  return related.length > 0 ? quotedAlternatives(related) : null;
}

function quotedAlternatives(words: string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '')}"`).join(' OR ');
}

// Newest (oldest) pages of the named kind brought in for "the latest handoff": the answer
// need not share a word with the question.
const ORDERED_PAGES = 5;

/**
 * "the most recent session", "the first decision": the newest (oldest) pages of the kind the
 * query names, which come in even when they hold none of its words (`addOrderedPages`); the
 * date order (core/intent-ranking.ts) then ranks them. Empty when the query asks for no order
 * of a named kind, or when those pages were all written at once (an import).
 */
export function orderedPages(deps: ServiceDeps, intent: QueryIntent, scopeKeys: string[] | null): IndexedPage[] {
  if (!intent.order || intent.named.length === 0) return [];
  const newest = intent.order === 'newest';
  const when = (page: IndexedPage) => (newest ? Math.max(-Infinity, ...pageTimes(page)) : Math.min(Infinity, ...pageTimes(page)));
  const pages = [...pagesIn(deps, scopeKeys)]
    .filter((page) => intent.named.includes(page.kind) && !isLintPage(page) && Number.isFinite(when(page)))
    .sort((a, b) => (newest ? when(b) - when(a) : when(a) - when(b)));
  if (pages.length === 0 || when(pages[0]!) === when(pages.at(-1)!)) return [];
  return pages.slice(0, ORDERED_PAGES);
}

/** Ordered pages count like pages dated in an asked-for range that share no word with the query. */
export function addOrderedPages(scores: Map<string, number>, pages: readonly IndexedPage[]): void {
  for (const page of pages) scores.set(page.rel, Math.max(scores.get(page.rel) ?? 0, TIME.dateOnly));
}

/** When the first page that supersedes this one was written (ms), or -Infinity when unknown. */
export function supersededSince(index: ServiceDeps['index'], rel: string): number {
  const times = index
    .backlinks(rel, 50)
    .filter((link) => link.kind === 'supersedes')
    .map((link) => Date.parse(index.page(link.from)?.created ?? ''))
    .filter((t) => Number.isFinite(t));
  return times.length > 0 ? Math.min(...times) : -Infinity;
}

/** The pages of the searched scope keys, or every page when all projects are searched. */
export function pagesIn(deps: ServiceDeps, scopeKeys: string[] | null): Iterable<IndexedPage> {
  if (scopeKeys === null) return deps.index.allPages();
  return scopeKeys.flatMap((key) => {
    const [workspace, project] = key.split('/');
    return deps.index.pagesIn({ workspace, project } as Scope);
  });
}
