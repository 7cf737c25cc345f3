import { ftsAverageLength, ftsRowCount } from './fts-totals.js';
import type { SqlDatabase } from './sql-engine.js';

// Phrases remembered per database; past this the memory is simply dropped and refilled.
const CAPACITY = 4096;

/**
 * How many rows an FTS5 table has and how many hold a phrase: what bm25's idf is made of, and
 * what fts-top-k.ts bounds scores with. Counting a common phrase walks its whole doclist, and
 * the same words come back from one question to the next, so the counts are kept for as long as
 * the database has not changed. SQLite's total_changes() moves with every row written on the
 * connection, whichever code wrote it, so a count is never used after its table changed.
 */
export interface RowCounts {
  rows(table: string): number;
  holding(table: string, phrase: string): number;
  /** The average row length bm25 reads (fts-totals.ts). */
  averageLength(table: string): number;
}

const memory = new WeakMap<SqlDatabase, { version: number; counts: Map<string, number> }>();

export function rowCounts(db: SqlDatabase): RowCounts {
  const version = db.get<{ v: number }>('SELECT total_changes() AS v')?.v ?? -1;
  let kept = memory.get(db);
  if (!kept || kept.version !== version || kept.counts.size > CAPACITY) {
    kept = { version, counts: new Map() };
    memory.set(db, kept);
  }
  const { counts } = kept;
  const remembered = (key: string, count: () => number) => {
    let n = counts.get(key);
    if (n === undefined) counts.set(key, (n = count()));
    return n;
  };
  return {
    // The row count bm25's idf is computed from, read where FTS5 keeps it (fts-totals.ts).
    rows: (table) => remembered(`${table}\n`, () => ftsRowCount(db, table)),
    averageLength: (table) => remembered(`${table}\n\n`, () => ftsAverageLength(db, table)),
    holding: (table, phrase) =>
      remembered(`${table}\n${phrase}`, () => {
        // A new pair of query words ("kapeka handle") is counted after each word on its own; when
        // one of them is in no row, neither is the pair, and its doclist walk is spared.
        if (wordsOf(phrase)?.some((word) => counts.get(`${table}\n"${word}"`) === 0)) return 0;
        return db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`, [phrase])?.n ?? 0;
      }),
  };
}

/**
 * The words of a quoted phrase of two or more words of ASCII letters and digits, or null. Each
 * such word is exactly one token to FTS5's unicode61 tokenizer (ASCII letters and digits are
 * token characters in every Unicode version it knows, a space separates them; a letter of a
 * newer Unicode version than its tables could be a separator, so only ASCII is trusted), so
 * the phrase's tokens are the words' tokens in order, and every row holding the phrase holds
 * each word as a one-word phrase.
 */
export function wordsOf(phrase: string): string[] | null {
  return MULTI_WORD_PHRASE.test(phrase) ? phrase.slice(1, -1).split(' ') : null;
}

const MULTI_WORD_PHRASE = /^"[a-z0-9]+(?: [a-z0-9]+)+"$/i;
