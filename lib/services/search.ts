import type { PageHit, SearchResponse } from '../core/contract.js';
import { COUNTS } from '../core/wire/limits.js';
import { parseWire } from '../core/wire/parse.js';
import { searchRequest } from '../core/wire/search.js';
import { invalid, MemoryError } from '../core/errors.js';
import type { PageKind } from '../core/page.js';
import { DEFAULT_WORKSPACE, GLOBAL_PROJECT, scopeKey, type Scope } from '../core/paths.js';
import { RELEVANCE, relevanceScores } from '../core/ranking.js';
import { prepareFtsQuery, withoutTimeWords, type PreparedQuery } from '../core/search-query.js';
import { COMMON_TERMS, splitCommonTerms } from '../core/common-terms.js';
import { answerCues } from '../core/answer-cues.js';
import { rankingSignals } from '../core/intent-ranking.js';
import { queryIntent, withoutOrderWords } from '../core/query-intent.js';
import { addDatedPages, addRelatedWordMatches, addVocabularyMatches, addOrderedPages, anchoredQuery, orderedPages, rangeEffect, relatedExpression } from './search-signals.js';
import { splitPage } from '../core/frontmatter.js';
import type { ServiceDeps } from './deps.js';
import { shapeHits } from './search-hits.js';
import { rerankByPassage } from './passage-rerank.js';
import { addWikiNameMatches, wikiNames } from './wiki-names.js';
import { addPendingHandoffs, pendingHandoffs } from './search-pending.js';
import { topHits } from './search-top.js';
import { parseScope, requireExistingProject } from './scope.js';

// Link neighbours of a full-text hit worth scoring (a hub page can have thousands), and how far
// along a page's list of links a neighbour still counts as "listed beside" a hit.
const GRAPH_PER_SEED = 12;
const CO_CITED_WINDOW = 3;
// Scopes up to this size read every row of each query word for the coverage factor.
const FULL_COVERAGE_PAGES = 2000;
// Title matches looked at: enough to refine every full-text candidate on a large wiki.
const TITLE_MATCHES = 2000;

export interface SearchInput {
  q: string;
  /** Projects to search, or 'all'. */
  scopes: Scope[] | 'all';
  limit?: number;
  kinds?: PageKind[];
  includeSuperseded?: boolean;
  includeExpired?: boolean;
  /** Also search `default/_global` and return its matches separately (default-scoped queries). */
  withGlobalScope?: boolean;
  /** The moment the question is asked: relative time words ("last week") are read against it. Defaults to now. */
  asOf?: Date;
  /** A further ranked list of page rels to fuse (the vector stream, when embeddings exist). */
  extraStream?: { rels: string[]; weight: number };
}

export function createSearchService(deps: ServiceDeps) {
  const { index } = deps;
  const now = () => (deps.now ?? (() => new Date()))();

  /**
   * Validates a request as the HTTP API, the CLI and the web UI send it (core/wire/search.ts,
   * the limits every surface shares) and turns it into a search.
   */
  function fromRequest(body: unknown): SearchInput {
    const request = parseWire(searchRequest, body);
    const input: SearchInput = { q: request.q, scopes: 'all', limit: request.limit ?? COUNTS.hits.fallback };
    const single = parseScope(request);
    if (request.scopes !== undefined) {
      if (single || request.global) throw invalid('pass scopes, or workspace+project, or global; not several');
      input.scopes = request.scopes.map((s) => requireExistingProject(index, parseScope(s) ?? missingScope()));
    } else if (single) {
      if (request.global) throw invalid('pass workspace+project or global, not both');
      input.scopes = [requireExistingProject(index, single)];
    }
    if (request.kinds !== undefined) input.kinds = request.kinds;
    if (request.include_superseded) input.includeSuperseded = true;
    if (request.include_expired) input.includeExpired = true;
    return input;
  }

  async function search(input: SearchInput): Promise<SearchResponse> {
    const limit = input.limit ?? 10;
    const scopeKeys = input.scopes === 'all' ? null : input.scopes.map(scopeKey);
    const hits = rankedHits(deps, input, scopeKeys, limit, now());
    const response: SearchResponse = { query: input.q, hits };
    const global = { workspace: DEFAULT_WORKSPACE, project: GLOBAL_PROJECT };
    // A `_global` project without pages has nothing to find; its pass would still parse the
    // query and walk the fuzzy title index of every project again.
    if (input.withGlobalScope && scopeKeys && !scopeKeys.includes(scopeKey(global)) && index.pagesIn(global).length > 0) {
      const globalHits = rankedHits(deps, input, [scopeKey(global)], limit, now());
      if (globalHits.length > 0) response.global_scope_hits = globalHits;
    }
    return response;
  }

  return { fromRequest, search };
}

function missingScope(): never {
  throw new MemoryError('INVALID_SCOPE', 'each scope needs both workspace and project');
}

/**
 * The query without the words that are in a large share of the searched projects' pages
 * (see core/common-terms.ts), when it has other words to rank by, and for each page the share
 * of the remaining words and date phrases it holds (for the coordination factor). Scoped
 * searches only: across all projects bm25's own IDF is already the right one.
 */
function focusOnDistinctiveWords(
  deps: ServiceDeps,
  query: PreparedQuery,
  scopeKeys: string[] | null,
): { match: string | null; terms: string[]; common?: string; coverage?: (id: number) => number; weights?: Map<string, number> } {
  if (scopeKeys === null || query.clauses.length < 2) return query;
  const fts = deps.index.fullText;
  const pages = fts.scopePages(scopeKeys);
  // Reading one row past the common threshold is enough to know a word is common; but a word
  // kept for ranking needs all its rows, or the pages past the cap lose its share of the
  // coverage. In a small scope nothing is dropped as common (a conversation's 19-32 session
  // transcripts), so every row is read: LoCoMo session level recall@5 0.879 -> 0.905.
  const cap = pages <= FULL_COVERAGE_PAGES ? pages : Math.floor(COMMON_TERMS.share * pages) + 1;
  const rows = new Map(query.clauses.map((clause) => [clause, fts.scopedRows(clause, scopeKeys, cap)]));
  const { common } = splitCommonTerms(query.wordClauses.map((w) => ({ item: w, pages: rows.get(w.clause)!.length })), pages);
  const dropped = new Set(common.map((w) => w.clause));
  const kept = query.clauses.filter((c) => !dropped.has(c));
  // Each word weighs by its rarity in the searched scope (a local IDF), so holding the rarest
  // word of the query counts for more than holding a word half the project uses.
  const counts = new Map<number, number>();
  const weightOf = (clause: string) => Math.log(1 + pages / Math.max(1, rows.get(clause)!.length));
  const termOf = new Map(query.wordClauses.map((w) => [w.clause, w.term]));
  let total = 0;
  for (const clause of kept) {
    const weight = weightOf(clause);
    total += weight;
    const own = new Set(rows.get(clause)!);
    for (const id of own) counts.set(id, (counts.get(id) ?? 0) + weight);
    // A page holding a word related to this one ("machine" for "laptop") covers it in part:
    // a paraphrase that shares two of four ideas with a page outranks one sharing a single word.
    const related = relatedExpression(termOf.get(clause));
    if (!related) continue;
    const relatedRows = fts.scopedRows(`(${related})`, scopeKeys, cap);
    if (relatedRows.length > COMMON_TERMS.share * pages && pages >= COMMON_TERMS.minPages) continue;
    for (const id of relatedRows) if (!own.has(id)) counts.set(id, (counts.get(id) ?? 0) + weight * RELEVANCE.relatedWords);
  }
  const coverage = (id: number) => (counts.get(id) ?? 0) / Math.max(1e-9, total);
  const weights = new Map(kept.flatMap((clause) => (termOf.has(clause) ? [[termOf.get(clause)!, weightOf(clause)] as const] : [])));
  if (common.length === 0) return { ...query, coverage, weights };
  const droppedTerms = new Set(common.map((w) => w.term));
  return {
    match: kept.join(' OR '),
    terms: query.terms.filter((t) => !droppedTerms.has(t)),
    common: [...dropped].join(' OR '),
    coverage,
    weights,
  };
}

function rankedHits(
  deps: ServiceDeps,
  input: SearchInput,
  scopeKeys: string[] | null,
  limit: number,
  now: Date,
): PageHit[] {
  const { index, store } = deps;
  // The best hits' files are read twice otherwise: whether a seed asks a question, then for snippets.
  const texts = new Map<string, string | null>();
  const fileText = (rel: string) => {
    if (!texts.has(rel)) texts.set(rel, store.files.readNow(rel));
    return texts.get(rel)!;
  };
  const asOf = input.asOf ?? now;
  const anchored = anchoredQuery(deps, input.q, asOf, scopeKeys);
  const effect = anchored.range ? rangeEffect(deps, anchored.range, scopeKeys) : undefined;
  const intent = queryIntent(input.q);
  const ordered = orderedPages(deps, intent, scopeKeys);
  // Once the pages' dates answer "when" or "most recent", the time words, the order words and
  // the kind named with them are no longer words to look for; on a wiki whose pages are not
  // dated apart (a chat imported at once), they are all the query has. An order asked of no
  // named kind ("the first ORM we adopted") still drops its order word: "first" would find pages
  // about doing something the first time.
  const text = ordered.length > 0 ? withoutOrderWords(input.q) : intent.order && intent.named.length === 0 ? withoutOrderWords(input.q, false) : input.q;
  const words = text === input.q ? anchored : { ...prepareFtsQuery(text, asOf), ...(anchored.range ? { range: anchored.range } : {}) };
  const query = effect?.penalizes ? withoutTimeWords(text, words, asOf) : words;
  const candidates = Math.min(400, Math.max(40, limit * 4));
  const focused = focusOnDistinctiveWords(deps, query, scopeKeys);
  // Asked before the full-text queries: on a large wiki the title worker searches on the other
  // core while this thread runs them, and the answer is taken below.
  const titlesAnswer = index.askTitles(focused.terms.join(' '), scopeKeys, TITLE_MATCHES);
  const rowToRel = (m: { id: number; rank: number }) => {
    const rel = index.pageById(m.id)?.rel;
    const factor = focused.coverage ? Math.max(0.05, focused.coverage(m.id)) ** RELEVANCE.coordination : 1;
    return rel === undefined ? [] : [{ rel, rank: m.rank * factor }];
  };
  const fullText = focused.match ? index.fullText.match(focused.match, scopeKeys, candidates).flatMap(rowToRel).sort((a, b) => a.rank - b.rank) : [];
  const alsoHolding = (expression: string | null | undefined) =>
    expression && focused.match ? index.fullText.match(`(${focused.match}) AND ${expression}`, scopeKeys, candidates).flatMap(rowToRel) : [];
  const withCommon = alsoHolding(focused.common && `(${focused.common})`);
  const withCommonInTitle = alsoHolding(focused.common && `title: (${focused.common})`);
  // Two query words side by side in the wiki's words for a page ("the nightly recon") say more
  // than each word apart. In page text the same bonus cost LoCoMo turn level 0.007 at recall@5
  // (chat turns share word pairs freely), so it is not applied there.
  const pairs = query.wordClauses.slice(1).map((w, i) => `"${query.wordClauses[i]!.term} ${w.term}"`);
  const cues = answerCues(input.q);
  const withAnswerCue = alsoHolding(cues && `(${cues})`);
  const inScope = (rel: string) => scopeKeys === null || scopeKeys.some((key) => rel.startsWith(`${key}/`));
  const titles = titlesAnswer();
  const scores = relevanceScores({
    fullText,
    titles,
    titleOnlyLimit: candidates,
    queryTerms: focused.terms.length,
    linked: (rel) => index.neighbours(rel, GRAPH_PER_SEED).filter(inScope),
    coCited: (rel) => index.coCited(rel, CO_CITED_WINDOW).filter((n) => inScope(n.rel)),
    asksQuestion: (rel) => asksQuestion(fileText(rel)),
  });

  // Pages that also hold a common query word rank a little above those that do not, more so
  // when it is in their title (the name of the person a journal entry is by or about).
  const bonus = (hits: Array<{ rel: string }>, value: number) => {
    for (const { rel } of hits) if (scores.has(rel)) scores.set(rel, scores.get(rel)! + value);
  };
  bonus(withCommon, RELEVANCE.commonWord);
  bonus(withCommonInTitle, RELEVANCE.commonWordInTitle);
  // A page matching the query that also holds the kind of words that answer it ("yesterday"
  // for a "when" question) ranks a little higher.
  bonus(withAnswerCue, RELEVANCE.answerCue);

  const byVocabulary = addVocabularyMatches(deps, scores, { match: focused.match, pairs, scopeKeys, limit: candidates });
  const bestFullText = fullText.length > 0 ? -fullText[0]!.rank : 0;
  const expansion = { best: bestFullText, scopeKeys, limit: candidates, ...(focused.coverage ? { coverage: focused.coverage } : {}) };
  const byRelatedWords = addRelatedWordMatches(deps, scores, { ...expansion, terms: focused.terms });
  // The wiki's other names for a thing ("voucher" for "Booking record") search for its title's
  // words; the pages named are among the best vocabulary matches just found.
  const byWikiNames = addWikiNameMatches(deps, scores, wikiNames(deps, query.wordClauses, [...byVocabulary]), expansion);

  // An optional extra stream (vector similarity, issue 7) adds its rank-decayed weight on the
  // same scale as a full-text hit, whose best match scores 1.
  input.extraStream?.rels.filter(inScope).forEach((rel, i) => {
    scores.set(rel, (scores.get(rel) ?? 0) + input.extraStream!.weight / (1 + i / 10));
  });

  const range = query.range;
  if (effect) addDatedPages(scores, effect);
  addOrderedPages(scores, ordered);
  const rangeInScope = effect?.penalizes ?? false;
  // A question about how things were (or about days in the past) is answered by pages that
  // have been superseded since: they are shown, marked and below their successors.
  const pastRange = range?.to !== undefined && Date.parse(range.to) <= asOf.getTime() && rangeInScope;
  const showSuperseded = input.includeSuperseded === true || intent.past || pastRange;

  // A long page is judged by its best passage as well as by everything it holds.
  rerankByPassage(deps, scores, focused.terms.map((term) => ({ term, weight: focused.weights?.get(term) ?? 1 })), fileText);
  // Last, so that nothing rescales it: the pending handoff answers "where did we leave off".
  const pendingPages = pendingHandoffs(deps, intent, scopeKeys);
  addPendingHandoffs(scores, pendingPages);
  const pending = new Set(pendingPages.map((page) => page.rel));
  const top = topHits(index, scores, {
    limit,
    now,
    intent,
    time: { ...(range ? { range } : {}), rangeInScope },
    showSuperseded,
    ...(input.kinds ? { kinds: input.kinds } : {}),
    includeExpired: input.includeExpired === true,
    found: { byVocabulary, byRelatedWords, byWikiNames },
  });

  // The FTS table is contentless: snippets are cut from the files themselves.
  return shapeHits(index, top, {
    terms: query.terms,
    fullText: fullText.map((m) => m.rel),
    titleMatches: new Set(titles.map((t) => t.rel)),
    similar: new Set(input.extraStream?.rels ?? []),
    ranking: new Map(top.map(({ page, signals }) => [page.rel, { ...rankingSignals(signals, range), ...(pending.has(page.rel) ? { pending: true } : {}) }])),
  }, fileText);
}

// A page this short that holds a question mark is a question (a chat message, an FAQ entry).
const QUESTION_PAGE_CHARS = 600;

function asksQuestion(text: string | null): boolean {
  if (text === null) return false;
  const body = splitPage(text).body;
  return body.length <= QUESTION_PAGE_CHARS && body.includes('?');
}
