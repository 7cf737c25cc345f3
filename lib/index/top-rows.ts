import { STOPWORDS } from '../core/stopwords.js';
import { ftsAverageLength, ftsRowCount } from './fts-totals.js';
import type { SqlDatabase } from './sql-engine.js';

/**
 * Per-phrase "top rows" lists (issue 20): for each word held by a large share of the pages, its
 * best rows by the word's own bm25 and how high any other row can score on that word. A query
 * of common words then scores only the listed rows (fts-top-k-lists.ts) instead of every row
 * holding one of them, which is where ~75 % of a slow 50k question went.
 *
 * `leftOut` is kept without the idf factor: bm25's part for one phrase is idf times a term
 * that depends only on the row (its weighted frequency of the phrase, its length against the
 * average), so a query multiplies it by the idf of the moment, and by how far the average row
 * length fell since (see fts-top-k-lists.ts). Computed off the serving thread by
 * top-rows-child-main.ts, saved beside the index as `toprows-<generation>.json`.
 */
export interface TopRowsList {
  /** Row ids with the best one-phrase scores, best first. */
  ids: number[];
  /** The best one-phrase score of a row not listed, divided by the phrase's idf then; 0 when every row holding it is listed. */
  leftOut: number;
  /** The ids as a JSON array, made once: the query passes it to SQLite's json_each. */
  json: string;
}

export interface TopRows {
  /** The catalog generation (persist.ts) of the database the lists were computed from. */
  generation: string;
  /** Rows and average row length of the table then. */
  rows: number;
  averageLength: number;
  /** Rows written or deleted since then (a warm start after writes): always scored. */
  changed: number[];
  /** By phrase, exactly as a query spells it: `"word"`. */
  lists: Map<string, TopRowsList>;
}

export const TOP_ROWS_TABLE = 'pages_fts';
// Below this many pages scoring every row of a common word costs a few ms at most (the 10k
// core bench answers in 5 ms): no lists, no child, nothing changes for a small wiki.
export const TOP_ROWS_FROM = 20_000;
// The measured setting (docs/performance.md, fifth round): words held by a tenth of the pages
// (5000 at 50k), their 1000 best rows.
const SHARE = 0.1;
const LIST_SIZE = 1000;

export interface TopRowsOptions {
  /** Smallest table that gets lists (tests use small ones). */
  from?: number;
  /** A word is listed when at least this share of the rows hold it. */
  share?: number;
  listSize?: number;
}

/** The lists of every common word of the table, as the database holds it now. */
export function computeTopRows(db: SqlDatabase, weights: string, generation: string, options: TopRowsOptions = {}): TopRows {
  const table = TOP_ROWS_TABLE;
  const rows = ftsRowCount(db, table);
  const averageLength = ftsAverageLength(db, table);
  const lists = new Map<string, TopRowsList>();
  const result: TopRows = { generation, rows, averageLength, changed: [], lists };
  if (rows < (options.from ?? TOP_ROWS_FROM)) return result;
  const size = options.listSize ?? LIST_SIZE;
  const least = Math.max(1, Math.ceil(rows * (options.share ?? SHARE)));
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.top_rows_vocab USING fts5vocab(main, ${table}, 'row')`);
  const terms = db.all<{ term: string }>('SELECT term FROM temp.top_rows_vocab WHERE doc >= ?', [least]);
  for (const { term } of terms) {
    // The scope tokens and words queries never send; a stem that is no word of its own
    // ("databas") still gets a list under its own spelling, which no query names.
    if (STOPWORDS.has(term) || /^zs\d+q$/.test(term) || !/^[\p{L}\p{N}]+$/u.test(term)) continue;
    const phrase = `"${term}"`;
    const n = db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`, [phrase])?.n ?? 0;
    if (n < least) continue;
    const best = db.all<{ id: number; rank: number }>(`SELECT rowid AS id, bm25(${table}, ${weights}) AS rank FROM ${table} WHERE ${table} MATCH ? ORDER BY rank LIMIT ?`, [phrase, size + 1]);
    const ids = best.slice(0, size).map((row) => row.id);
    const leftOut = best.length > size ? -best[size]!.rank / idf(rows, n) : 0;
    lists.set(phrase, { ids, leftOut, json: JSON.stringify(ids) });
  }
  return result;
}

/** FTS5's idf (fts5_aux.c): floored at 1e-6, so never 0 and never negative. */
export function idf(rows: number, holding: number): number {
  const value = Math.log((rows - holding + 0.5) / (holding + 0.5));
  return value <= 0 ? 1e-6 : value;
}

interface Saved {
  version: 1;
  generation: string;
  rows: number;
  averageLength: number;
  changed: number[];
  lists: Array<[phrase: string, leftOut: number, ids: number[]]>;
}

export function encodeTopRows(topRows: TopRows): string {
  const saved: Saved = { version: 1, generation: topRows.generation, rows: topRows.rows, averageLength: topRows.averageLength, changed: topRows.changed, lists: [...topRows.lists].map(([phrase, list]) => [phrase, list.leftOut, list.ids]) };
  return JSON.stringify(saved);
}

/** The lists saved by `encodeTopRows`; throws on anything else (the caller then goes without). */
export function decodeTopRows(text: string): TopRows {
  const saved = JSON.parse(text) as Partial<Saved>;
  const numbers = (value: unknown): value is number[] => Array.isArray(value) && value.every((n) => Number.isSafeInteger(n));
  if (saved.version !== 1 || typeof saved.generation !== 'string' || typeof saved.rows !== 'number' || typeof saved.averageLength !== 'number' || !numbers(saved.changed) || !Array.isArray(saved.lists)) {
    throw new Error('not a top-rows file of version 1');
  }
  const lists = new Map<string, TopRowsList>();
  for (const entry of saved.lists) {
    const [phrase, leftOut, ids] = entry as unknown[];
    if (typeof phrase !== 'string' || typeof leftOut !== 'number' || !(leftOut >= 0) || !numbers(ids)) throw new Error('a top-rows list is malformed');
    lists.set(phrase, { ids, leftOut, json: JSON.stringify(ids) });
  }
  return { generation: saved.generation, rows: saved.rows, averageLength: saved.averageLength, changed: saved.changed, lists };
}
