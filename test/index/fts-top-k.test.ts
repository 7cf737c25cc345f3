import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFtsStore, type FtsMatch } from '../../lib/index/fts-store.js';
import { phrasesOf } from '../../lib/index/fts-top-k.js';
import { openSqlDatabase, type SqlDatabase } from '../../lib/index/sql-engine.js';

/**
 * Search asks FTS5 for the best few pages of an OR query; fts-top-k.ts scores only the pages that
 * can reach them. A person must get exactly the pages, scores and order the full query gives:
 * the pruned answer is compared with `ORDER BY bm25` over every matching row, on a corpus where
 * some words are in most pages, some in few, and some pages are exact copies (equal scores).
 */
const SCOPES = ['default/alpha', 'default/beta', 'team/gamma'];
const WORDS = Array.from({ length: 48 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);

const RARE = ['qrare', 'qscarce', 'qodd'];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Word i is in a page with a chance falling from 0.9 (idf floored at 1e-6) to about 0.01. */
function pageText(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) {
    const rank = Math.floor(next() ** 3 * WORDS.length);
    out.push(WORDS[rank]!);
    if (next() < 0.05) out.push('filler');
  }
  return out.join(' ');
}

function corpus(counting: { pruned: number }): { db: SqlDatabase; store: ReturnType<typeof createFtsStore>; scopeOf: Map<number, string> } {
  const raw = openSqlDatabase(null);
  const db: SqlDatabase = {
    ...raw,
    all: (sql, params) => {
      if (sql.includes('+rowid IN')) counting.pruned += 1;
      return raw.all(sql, params);
    },
  };
  const store = createFtsStore(db);
  const next = random(7);
  const scopeOf = new Map<number, string>();
  let previous = { title: '', body: '' };
  for (let id = 1; id <= 1200; id += 1) {
    // Every tenth page copies the one before it: equal scores, ordered as FTS5 orders them.
    const copy = id % 10 === 0;
    const title = copy ? previous.title : pageText(next, 3);
    const body = copy ? previous.body : pageText(next, 20 + Math.floor(next() * 120));
    const scopeKey = SCOPES[id % SCOPES.length]!;
    scopeOf.set(id, scopeKey);
    store.upsert({ id, title, body, meta: '', scopeKey });
    previous = { title, body };
  }
  // The case the bounds exist for: a rare word once in long pages (a low score) against short
  // pages repeating a common word (close to the most a common word can give).
  let id = 2000;
  for (const rare of RARE) {
    for (let i = 0; i < 50; i += 1) {
      id += 1;
      scopeOf.set(id, SCOPES[id % SCOPES.length]!);
      store.upsert({ id, title: pageText(next, 2), body: `${pageText(next, 300)} ${rare}`, meta: '', scopeKey: scopeOf.get(id)! });
    }
  }
  for (const word of WORDS.slice(0, 16)) {
    for (let i = 0; i < 15; i += 1) {
      id += 1;
      scopeOf.set(id, SCOPES[id % SCOPES.length]!);
      store.upsert({ id, title: word, body: Array.from({ length: 8 }, () => word).join(' '), meta: '', scopeKey: scopeOf.get(id)! });
    }
  }
  return { db: raw, store, scopeOf };
}

function queries(count: number): string[] {
  const next = random(11);
  const word = () => WORDS[Math.floor(next() ** 1.5 * WORDS.length)]!;
  return Array.from({ length: count }, () => {
    const clauses = Array.from({ length: 2 + Math.floor(next() * 4) }, () => {
      const kind = next();
      if (kind < 0.15) return `("${word()}" OR "${word()}")`;
      if (kind < 0.25) return `"${word()} ${word()}"`;
      return `"${word()}"`;
    });
    // The same phrase twice counts twice in bm25: the bounds must too.
    if (next() < 0.1) clauses.push(clauses[0]!);
    if (next() < 0.4) clauses.push(`"${RARE[Math.floor(next() * RARE.length)]}"`);
    // Phrases no page holds (a word the corpus lacks, two words never side by side) are left
    // out of the query: the answer must not change.
    if (next() < 0.3) clauses.splice(Math.floor(next() * clauses.length), 0, next() < 0.5 ? '"qnowhere"' : `"${RARE[0]} ${RARE[1]}"`);
    return clauses.join(' OR ');
  });
}

/** What the full query gives: every matching row scored, best first (scopes filter it afterwards). */
function fullQuery(db: SqlDatabase, expression: string): FtsMatch[] {
  return db.all<FtsMatch>('SELECT rowid AS id, bm25(pages_fts, 6.0, 1.0, 3.0, 0.0) AS rank FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rank', [expression]);
}

test('the pruned best matches are exactly the full query’s: pages, scores and order, in every scope', () => {
  const counting = { pruned: 0 };
  const { db, store, scopeOf } = corpus(counting);
  let compared = 0;
  for (const expression of queries(80)) {
    const full = fullQuery(db, expression);
    for (const scopes of [null, ['default/alpha'], ['default/beta', 'team/gamma']]) {
      const inScope = full.filter((row) => scopes === null || scopes.includes(scopeOf.get(row.id)!));
      for (const limit of [1, 10, 40]) {
        assert.deepEqual(store.match(expression, scopes, limit), inScope.slice(0, limit), `${expression} in ${scopes ?? 'all'}, limit ${limit}`);
        compared += 1;
      }
    }
  }
  // The comparison means something only if many of the queries took the pruned path.
  assert.ok(counting.pruned > compared / 4, `only ${counting.pruned} of ${compared} queries were pruned`);
  db.close();
});

test('only a flat OR of quoted phrases is pruned; anything else runs as written', () => {
  assert.deepEqual(phrasesOf('"a" OR ("b" OR "bs") OR "c d"'), ['"a"', '"b"', '"bs"', '"c d"']);
  assert.deepEqual(phrasesOf('"a (b)"'), ['"a (b)"']);
  for (const other of ['("a" OR "b") AND "c"', '"a" NOT "b"', 'title: "a"', 'a OR b', '"a" OR ("b" AND "c")', '(("a"))']) assert.equal(phrasesOf(other), null, other);
});

test('after pages change, the counts behind the bounds are taken again: a word that became rare ranks its pages first', () => {
  const { db, store, scopeOf } = corpus({ pruned: 0 });
  // "qfad" is in 600 long pages: common, so the pruning leaves pages holding only it out.
  const fading = Array.from({ length: 600 }, (_, i) => 5000 + i);
  const next = random(3);
  for (const id of fading) {
    scopeOf.set(id, SCOPES[0]!);
    store.upsert({ id, title: pageText(next, 2), body: `${pageText(next, 200)} qfad`, meta: '', scopeKey: SCOPES[0]! });
  }
  const expression = `"qrare" OR "${WORDS[0]}" OR "qfad"`;
  assert.deepEqual(store.match(expression, null, 10), fullQuery(db, expression).slice(0, 10));
  // Then most of those pages go and a few short ones repeat it: now it is the rarest word.
  for (const id of fading.slice(0, 590)) store.remove(id);
  for (const id of fading.slice(590)) store.upsert({ id, title: 'qfad', body: 'qfad qfad qfad qfad', meta: '', scopeKey: SCOPES[0]! });
  const after = store.match(expression, null, 10);
  assert.deepEqual(after, fullQuery(db, expression).slice(0, 10));
  assert.ok(after.some((row) => row.id >= 5590), 'the short pages repeating the now rare word are among the best');
  db.close();
});

test('phrases that no page holds are not searched, and a query of nothing but them finds nothing at once', () => {
  const counting = { pruned: 0 };
  const { db, store } = corpus(counting);
  const sent: string[] = [];
  const spying = createFtsStore({ ...db, all: (sql, params) => (sent.push(String(params?.[0] ?? '')), db.all(sql, params)) });
  const expression = `"${WORDS[3]}" OR "qnowhere" OR "${RARE[0]} ${RARE[1]}" OR ("${WORDS[9]}" OR "qneither")`;
  assert.deepEqual(spying.match(expression, null, 10), fullQuery(db, expression).slice(0, 10));
  assert.ok(sent.length > 0 && sent.every((match) => !match.includes('qnowhere') && !match.includes('qneither') && !match.includes(`${RARE[0]} ${RARE[1]}`)), sent.join('\n'));
  sent.length = 0;
  assert.deepEqual(spying.match('"qnowhere" OR "qneither"', ['default/alpha'], 10), []);
  assert.deepEqual(sent, [], 'no scoring query is sent for phrases known to match nothing');
  db.close();
});

test('a query whose rarer words hold fewer pages than asked for runs once, in full', () => {
  const counting = { pruned: 0 };
  const { db, store } = corpus(counting);
  // "qrare" is in 50 pages and the common word in most: the pruning scores only the pages holding "qrare".
  const expression = `"qrare" OR "${WORDS[0]}"`;
  assert.deepEqual(store.match(expression, null, 40), fullQuery(db, expression).slice(0, 40));
  assert.equal(counting.pruned, 1, 'forty of its fifty pages: the pruned query answers');
  // Sixty cannot come from fifty pages: the pruned query would fall short and the full one run after it.
  assert.deepEqual(store.match(expression, null, 60), fullQuery(db, expression).slice(0, 60));
  assert.equal(counting.pruned, 1, 'no pruned query for a list it cannot fill');
  db.close();
});

