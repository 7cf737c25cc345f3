import { rowCounts, type RowCounts } from './fts-row-counts.js';
import { listedTopK, within, type ListsInUse } from './fts-top-k-lists.js';
import type { SqlDatabase } from './sql-engine.js';

/**
 * The best `limit` rows of an FTS5 MATCH by bm25, exactly as `ORDER BY bm25 LIMIT` gives them,
 * while scoring only the rows that can reach that list (the MaxScore idea of search engines).
 *
 * bm25 costs far more per row than finding the rows (about 0.8 µs against 0.1-0.2 µs here), and
 * FTS5 scores every row that holds any word of an OR query. A page's bm25 is a sum over the
 * query's phrases of `idf * f`, where `f` (term frequency against the page's length) is always
 * below k1 + 1: so a page holding only common phrases cannot score above the sum of their
 * `idf * (k1 + 1)`. Once some pages are known to score above that, the pages holding none of
 * the rarer phrases are left out of the scoring query with a row filter; the query and its
 * phrase list stay the same, so every score is bit for bit what the full query gives, and the
 * rows that are left out score strictly less than the last row kept.
 */
export interface TopKQuery {
  table: string;
  /** bm25 column weights, as the SQL call lists them. */
  weights: string;
  /** A flat OR of quoted phrases (parenthesized groups allowed), the query words. */
  words: string;
  /** ` AND scope: (...)`, or '' for every project: its tokens sit in a column of weight 0. */
  scope: string;
  limit: number;
}

export interface RankedRow {
  id: number;
  /** bm25 rank: lower is better. */
  rank: number;
}

// FTS5's bm25 parameters (sqlite/ext/fts5/fts5_aux.c): k1 = 1.2, b = 0.75, idf floored at 1e-6.
const K1 = 1.2;
const MIN_IDF = 1e-6;
// Bounds are compared with room to spare for the last bits of floating-point rounding.
const SLACK = 1e-6;
// Below this many rows holding any query word, scoring them all costs less than the extra queries.
const MIN_ROWS = 800;
// The score the best pages of a query usually reach, as a share of its rarest phrase's bound
// (0.3-0.6 measured on the bench's queries; a wrong guess costs a second, full query).
const GUESS = 0.45;

const PHRASE = '"[^"]*"';
const GROUP = `\\(${PHRASE}(?: OR ${PHRASE})*\\)`;
const FLAT_OR = new RegExp(`^(?:${PHRASE}|${GROUP})(?: OR (?:${PHRASE}|${GROUP}))*$`);

/** The phrases of a flat OR expression in order (as FTS5 numbers them), or null for anything else. */
export function phrasesOf(expression: string): string[] | null {
  if (!FLAT_OR.test(expression)) return null;
  return expression.match(new RegExp(PHRASE, 'g')) ?? null;
}

/** `lists`: the table's top-rows lists when it has some (fts-top-k-lists.ts), tried first. */
export function topK(db: SqlDatabase, query: TopKQuery, lists: ListsInUse | null = null): RankedRow[] {
  // One look at the database's change counter for both steps: nothing is written between them.
  const counts = rowCounts(db);
  const held = withoutAbsentPhrases(counts, query);
  if (held === null) return [];
  const phrases = lists === null ? null : phrasesOf(held.words);
  return (phrases && lists && listedTopK(db, counts, lists, held, phrases)) ?? prunedTopK(db, counts, held) ?? scored(db, held, null);
}

/**
 * The query without the phrases no row holds (a pair of words never written side by side, a
 * word the wiki lacks), or null when none is left. FTS5 still walks the doclists of a phrase's
 * words to find that it never matches, query after query; its row count (which the pruning
 * reads anyway, and keeps until the table changes) says so at once. Results stay bit for bit
 * the same: such a phrase matches no row, and in bm25's sum over phrases it adds exactly 0 to
 * every row, while each other phrase keeps its idf, which depends on its own rows only.
 */
function withoutAbsentPhrases(counts: RowCounts, query: TopKQuery): TopKQuery | null {
  const phrases = phrasesOf(query.words);
  if (!phrases || phrases.length < 2) return query;
  const held = phrases.filter((phrase) => counts.holding(query.table, phrase) > 0);
  if (held.length === 0) return null;
  // A flat OR (groups are ORs too) is the OR of its phrases in order, which FTS5 numbers alike.
  return held.length === phrases.length ? query : { ...query, words: held.join(' OR ') };
}

function scored(db: SqlDatabase, { table, weights, words, scope, limit }: TopKQuery, among: string | null): RankedRow[] {
  const filter = among === null ? '' : ` AND +rowid IN (SELECT rowid FROM ${table} AS among WHERE among.${table} MATCH ?)`;
  const params = among === null ? [within(words, scope), limit] : [within(words, scope), within(among, scope), limit];
  return db.all<RankedRow>(`SELECT rowid AS id, bm25(${table}, ${weights}) AS rank FROM ${table} WHERE ${table} MATCH ?${filter} ORDER BY rank LIMIT ?`, params);
}


/** The same rows scored only among the pages that can reach them, or null when that would not pay. */
function prunedTopK(db: SqlDatabase, counts: RowCounts, query: TopKQuery): RankedRow[] | null {
  const phrases = phrasesOf(query.words);
  if (!phrases || phrases.length < 2 || query.limit < 1) return null;
  const { table } = query;
  const rows = counts.rows(table);
  // The idf FTS5 gives each phrase: from the rows of the whole table holding it, whatever the scope.
  const holding = (phrase: string) => counts.holding(table, phrase);
  const stats = phrases.map((phrase) => {
    const n = holding(phrase);
    return { phrase, n, bound: n === 0 ? 0 : (K1 + 1) * Math.max(MIN_IDF, Math.log((rows - n + 0.5) / (n + 0.5))) };
  });
  const largest = Math.max(...stats.map((s) => s.n));
  if (largest < MIN_ROWS) return null;
  // Guess which phrases are too common to matter from the score the best pages usually reach,
  // score only the pages holding one of the others, then check the guess: the rows left out
  // must score below the last row kept, else the full query runs after all.
  const expected = GUESS * Math.max(...stats.map((s) => s.bound));
  const weak = weakPhrases(stats, expected);
  const strong = [...new Set(stats.filter((_, i) => !weak.has(i)).map((s) => s.phrase))];
  const strongRows = strong.reduce((sum, phrase) => sum + holding(phrase), 0);
  // Fewer rows than asked for hold a strong phrase: the pruned query could not fill the list, and
  // would only be run before the full one.
  if (weak.size === 0 || strongRows >= largest || strongRows < query.limit) return null;
  const best = scored(db, query, strong.join(' OR '));
  if (best.length < query.limit) return null;
  const reached = -best[query.limit - 1]!.rank * (1 - SLACK);
  const leftOut = [...weak].reduce((sum, i) => sum + stats[i]!.bound, 0) * (1 + SLACK);
  return leftOut < reached ? best : null;
}

/** The commonest phrases whose bounds together stay below `score`: they cannot lift a page that far on their own. */
function weakPhrases(stats: ReadonlyArray<{ bound: number }>, score: number): Set<number> {
  let sum = 0;
  const weak = new Set<number>();
  for (const i of [...stats.keys()].sort((a, b) => stats[a]!.bound - stats[b]!.bound)) {
    if ((sum + stats[i]!.bound) * (1 + SLACK) >= score) break;
    sum += stats[i]!.bound;
    weak.add(i);
  }
  return weak;
}
