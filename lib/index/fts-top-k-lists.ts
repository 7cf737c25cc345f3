import type { RowCounts } from './fts-row-counts.js';
import type { RankedRow, TopKQuery } from './fts-top-k.js';
import type { SqlDatabase } from './sql-engine.js';
import { idf, type TopRows } from './top-rows.js';

/** The lists in use and the rows written since they were computed. */
export interface ListsInUse {
  readonly topRows: TopRows;
  /** Row ids inserted, rewritten or deleted since: their listed scores (or absence) are stale. */
  readonly changed: ReadonlySet<number>;
  /** `changed` as a JSON array, for json_each. */
  changedJson(): string;
}

// Bounds are compared with room to spare for the last bits of floating-point rounding.
const SLACK = 1e-6;

/**
 * The best `limit` rows of the query scored only among the rows that can reach them: the
 * listed rows of its listed phrases, every row holding one of its other phrases, and every row
 * changed since the lists were made. A row outside all of them holds only listed phrases and
 * sits below each one's list, so its score is at most the sum over the listed phrases of
 * `idf now * leftOut * max(1, average length now / then)`:
 * - bm25's part for a phrase is `idf * F (k1 + 1) / (F + k1 (1 - b + b D / avg))` (fts5_aux.c),
 *   F the row's weighted count of the phrase (the scope column weighs 0), D its length in
 *   tokens of every column; F and D are the row's own and stay as they were while it is unchanged;
 * - when avg grows by a factor r >= 1, the denominator's length term shrinks by at most r, so the
 *   part grows by at most r; when avg shrinks, the part shrinks.
 * FTS5 scores the kept rows with the very query it would run in full, so the answer is bit for
 * bit the full query's whenever the last kept row beats that bound; null when it does not (or
 * cannot be told), and the caller runs its usual query.
 */
export function listedTopK(db: SqlDatabase, counts: RowCounts, lists: ListsInUse, query: TopKQuery, phrases: string[]): RankedRow[] | null {
  const { table, weights, words, scope, limit } = query;
  const { topRows } = lists;
  const listed = phrases.filter((phrase) => topRows.lists.has(phrase));
  if (listed.length === 0 || limit < 1) return null;
  const rows = counts.rows(table);
  const grown = Math.max(1, counts.averageLength(table) / topRows.averageLength);
  if (!Number.isFinite(grown)) return null;
  // Every occurrence counts: a phrase named twice is two phrases to bm25, each adding its part.
  const bound = listed.reduce((sum, phrase) => sum + idf(rows, counts.holding(table, phrase)) * topRows.lists.get(phrase)!.leftOut, 0) * grown;
  const others = [...new Set(phrases.filter((phrase) => !topRows.lists.has(phrase)))];
  const ids = [...new Set(listed)].map((phrase) => topRows.lists.get(phrase)!.json);
  if (lists.changed.size > 0) ids.push(lists.changedJson());
  const among = ids.map(() => 'SELECT value FROM json_each(?)');
  const params: Array<string | number> = [within(words, scope), ...ids];
  if (others.length > 0) {
    among.push(`SELECT rowid FROM ${table} AS among WHERE among.${table} MATCH ?`);
    params.push(within(others.join(' OR '), scope));
  }
  params.push(limit);
  const best = db.all<RankedRow>(`SELECT rowid AS id, bm25(${table}, ${weights}) AS rank FROM ${table} WHERE ${table} MATCH ? AND +rowid IN (${among.join(' UNION ')}) ORDER BY rank LIMIT ?`, params);
  if (best.length < limit) return null;
  return -best[limit - 1]!.rank * (1 - SLACK) > bound * (1 + SLACK) ? best : null;
}

/** The expression as the unpruned query has always sent it: scoped, or as it is (fts-top-k.ts too). */
export function within(words: string, scope: string): string {
  return scope === '' ? words : `(${words})${scope}`;
}
