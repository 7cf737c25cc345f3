import { inTimeRange, TIME } from '../core/intent-ranking.js';
import type { Scope } from '../core/paths.js';
import { anchorRange, eventAnchor, type TimeRange } from '../core/query-dates.js';
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

/**
 * Pages dated in the asked-for days come in even when they share none of the query's words
 * ("what did we do last week"), and text matches dated then rank higher. Returns whether the
 * range singles anything out: days holding none of the scope's pages, or most of them ("since
 * 2020" on a young wiki, any date on pages all written at import), say nothing.
 */
export function addDatedPages(deps: ServiceDeps, scores: Map<string, number>, range: TimeRange, scopeKeys: string[] | null): boolean {
  const all = [...pagesIn(deps, scopeKeys)].filter((page) => !isLintPage(page));
  const dated = all.filter((page) => inTimeRange(page, range));
  const singles = dated.length > 0 && dated.length <= TIME.maxShare * all.length;
  if (singles) for (const page of dated) scores.set(page.rel, (scores.get(page.rel) ?? 0) + (scores.has(page.rel) ? TIME.inRange : TIME.dateOnly));
  return singles;
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
  query: { terms: readonly string[]; best: number; scopeKeys: string[] | null; limit: number },
): Set<string> {
  const found = new Set<string>();
  const own = new Set(query.terms);
  const related = new Set(query.terms.flatMap(relatedWords).filter((w) => !own.has(w)));
  if (related.size === 0) return found;
  const expression = [...related].map((w) => `"${w.replace(/"/g, '')}"`).join(' OR ');
  const matches = deps.index.fullText.match(expression, query.scopeKeys, query.limit);
  const best = query.best > 0 ? query.best : matches.length > 0 ? -matches[0]!.rank : 0;
  if (best <= 0) return found;
  for (const m of matches) {
    const rel = deps.index.pageById(m.id)?.rel;
    if (rel === undefined) continue;
    scores.set(rel, (scores.get(rel) ?? 0) + RELEVANCE.relatedWords * Math.min(1, Math.max(0, -m.rank) / best));
    found.add(rel);
  }
  return found;
}

function pagesIn(deps: ServiceDeps, scopeKeys: string[] | null): Iterable<IndexedPage> {
  if (scopeKeys === null) return deps.index.allPages();
  return scopeKeys.flatMap((key) => {
    const [workspace, project] = key.split('/');
    return deps.index.pagesIn({ workspace, project } as Scope);
  });
}
