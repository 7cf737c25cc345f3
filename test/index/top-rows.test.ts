import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BM25_PAGE_WEIGHTS, createFtsStore, type FtsMatch, type FtsStore } from '../../lib/index/fts-store.js';
import { openSqlDatabase, type SqlDatabase } from '../../lib/index/sql-engine.js';
import { withReadOnlyLink } from '../../lib/index/top-rows-reader.js';
import { computeTopRows, decodeTopRows, encodeTopRows, type TopRows } from '../../lib/index/top-rows.js';

/**
 * Top-rows lists (lib/index/top-rows.ts) let a query of common words score only a few rows. A
 * person must get exactly what the full query gives (pages, scores, order), also after pages
 * were added, rewritten and deleted since the lists were made, moving the average page length
 * both ways: every answer is compared with `ORDER BY bm25` over every matching row.
 */
const SCOPES = ['default/alpha', 'default/beta', 'team/gamma'];
// Common words (in 15-80 % of the pages, a few of them with idf floored) and rarer ones.
const WORDS = Array.from({ length: 30 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);
const OPTIONS = { from: 100, share: 0.1, listSize: 25 };

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pageText(next: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(next() ** 2 * WORDS.length)]!).join(' ');
}

interface Wiki {
  db: SqlDatabase;
  store: FtsStore;
  scopeOf: Map<number, string>;
  /** Queries answered from the lists (the bound held). */
  listed: { n: number };
  next: () => number;
}

function wiki(file: string | null = null): Wiki {
  const raw = openSqlDatabase(file);
  const listed = { n: 0 };
  const db: SqlDatabase = {
    ...raw,
    all: <T>(sql: string, params?: Parameters<SqlDatabase['all']>[1]) => {
      const rows = raw.all<T>(sql, params);
      if (sql.includes('json_each')) listed.n += 1;
      return rows;
    },
  };
  const store = createFtsStore(db);
  const next = random(5);
  const scopeOf = new Map<number, string>();
  for (let id = 1; id <= 800; id += 1) write({ db: raw, store, scopeOf, listed, next }, id, 10 + Math.floor(next() * 80));
  return { db: raw, store, scopeOf, listed, next };
}

function write(w: Wiki, id: number, words: number): void {
  const scopeKey = SCOPES[id % SCOPES.length]!;
  w.scopeOf.set(id, scopeKey);
  w.store.upsert({ id, title: pageText(w.next, 3), body: pageText(w.next, words), meta: '', scopeKey });
}

function queries(count: number, seed: number): string[] {
  const next = random(seed);
  const word = () => WORDS[Math.floor(next() * 12)]!;
  return Array.from({ length: count }, () => {
    const phrases = Array.from({ length: 1 + Math.floor(next() * 3) }, () => `"${word()}"`);
    if (next() < 0.3) phrases.push(`"${WORDS[12 + Math.floor(next() * 18)]}"`);
    if (next() < 0.1) phrases.push(phrases[0]!);
    return phrases.join(' OR ');
  });
}

function fullQuery(db: SqlDatabase, expression: string): FtsMatch[] {
  return db.all<FtsMatch>(`SELECT rowid AS id, bm25(pages_fts, ${BM25_PAGE_WEIGHTS}) AS rank FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rank`, [expression]);
}

function assertExact(w: Wiki, seed: number): number {
  let compared = 0;
  for (const expression of queries(60, seed)) {
    const full = fullQuery(w.db, expression);
    for (const scopes of [null, ['default/alpha'], ['default/beta', 'team/gamma']]) {
      const inScope = full.filter((row) => scopes === null || scopes.includes(w.scopeOf.get(row.id)!));
      for (const limit of [1, 10, OPTIONS.listSize, 30]) {
        assert.deepEqual(w.store.match(expression, scopes, limit), inScope.slice(0, limit), `${expression} in ${scopes ?? 'all'}, limit ${limit}`);
        compared += 1;
      }
    }
  }
  return compared;
}

function listsOf(w: Wiki): TopRows {
  const topRows = computeTopRows(w.db, BM25_PAGE_WEIGHTS, 'g1', OPTIONS);
  assert.ok(topRows.lists.size >= 8, `only ${topRows.lists.size} lists`);
  return topRows;
}

test('answers with top-rows lists are the full query’s, bit for bit, in every scope', () => {
  const w = wiki();
  w.store.useTopRows(listsOf(w));
  const compared = assertExact(w, 1);
  // Means something only if many answers came from the lists.
  assert.ok(w.listed.n > compared / 3, `only ${w.listed.n} of ${compared} answers used the lists`);
  w.db.close();
});

test('after writes, rewrites and deletes that move the average length up, then down, answers stay exact', () => {
  const w = wiki();
  w.store.useTopRows(listsOf(w));
  // New short pages dense in common words (they beat listed rows: found only as changed rows),
  // and long rewrites that raise the average length (every unchanged row's score rises).
  for (let id = 801; id <= 810; id += 1) {
    w.scopeOf.set(id, SCOPES[id % 3]!);
    const word = WORDS[id % 6]!;
    w.store.upsert({ id, title: `${word} ${word} ${word}`, body: `${word} ${word} ${word} ${word} ${word}`, meta: '', scopeKey: SCOPES[id % 3]! });
  }
  for (let id = 1; id <= 20; id += 1) write(w, id * 7, 3000);
  const before = w.listed.n;
  assertExact(w, 2);
  assert.ok(w.listed.n > before, 'no answer used the lists after the writes');
  // Deleting the long pages brings the average down again; listed rows deleted drop out.
  for (let id = 1; id <= 20; id += 1) w.store.remove(id * 7);
  const listedRow = [...w.store.topRows()!.lists.values()][0]!.ids[0]!;
  w.store.remove(listedRow);
  assertExact(w, 3);
  assert.ok(w.store.topRows() !== null, 'the lists were dropped');
  w.db.close();
});

test('past 5 % of the table changed the lists are dropped, and answers stay exact', () => {
  const w = wiki();
  w.store.useTopRows(listsOf(w));
  for (let id = 1; id <= 45; id += 1) write(w, id, 50);
  assert.equal(w.store.topRows(), null);
  assertExact(w, 4);
  w.db.close();
});

test('saved lists come back as they were, rows changed since included; anything else is refused', () => {
  const w = wiki();
  const topRows = listsOf(w);
  w.store.useTopRows(topRows);
  write(w, 3, 40);
  const saved = w.store.topRows()!;
  assert.deepEqual(saved.changed, [3]);
  const back = decodeTopRows(encodeTopRows(saved));
  assert.deepEqual({ ...back, lists: [...back.lists] }, { ...saved, lists: [...saved.lists] });
  for (const bad of ['{}', '{"version":1}', encodeTopRows(saved).replace('"lists":[[', '"lists":[["x",-1,[]],[')]) assert.throws(() => decodeTopRows(bad));
  w.db.close();
});

test('a table below the size that gets lists gets none', () => {
  const w = wiki();
  assert.equal(computeTopRows(w.db, BM25_PAGE_WEIGHTS, 'g1').lists.size, 0);
  w.db.close();
});

test('lists computed from a read-only view of the database file, while it is open for serving', () => {
  const dir = mkdtempSync(join(tmpdir(), 'top-rows-'));
  try {
    const w = wiki(join(dir, 'pages.sqlite'));
    const topRows = withReadOnlyLink(join(dir, 'pages.sqlite'), (reader) => computeTopRows(reader, BM25_PAGE_WEIGHTS, 'g1', OPTIONS));
    assert.deepEqual([...topRows.lists], [...listsOf(w).lists]);
    assert.deepEqual(readdirSync(dir).sort(), ['pages.sqlite', 'pages.sqlite-journal', 'pages.sqlite.lock']);
    // The serving connection still writes after the reader has gone.
    write(w, 900, 20);
    w.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
