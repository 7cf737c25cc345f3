import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wordsOf } from '../../lib/index/fts-row-counts.js';
import { createFtsStore, type FtsMatch } from '../../lib/index/fts-store.js';
import { openSqlDatabase, type SqlDatabase } from '../../lib/index/sql-engine.js';

/**
 * A search counts how many pages hold each phrase of its query (fts-row-counts.ts) to leave out
 * phrases no page holds and to bound scores. A pair of query words whose one word is in no page
 * is known to be absent without walking FTS5's doclists: the answer must stay exactly what the
 * full query gives, and the shortcut must never outlive a change that brings the word in.
 */
const PAGES = ['alpha beta gamma', 'beta gamma delta', 'gamma alpha', 'delta epsilon alpha beta', 'beta beta beta'];

function fixture(): { raw: SqlDatabase; store: ReturnType<typeof createFtsStore>; counted: string[] } {
  const raw = openSqlDatabase(null);
  const counted: string[] = [];
  const spying: SqlDatabase = {
    ...raw,
    get: (sql, params) => {
      if (sql.includes('count(*)') && sql.includes('MATCH')) counted.push(String(params?.[0]));
      return raw.get(sql, params);
    },
  };
  const store = createFtsStore(spying);
  PAGES.forEach((body, i) => store.upsert({ id: i + 1, title: `page ${i + 1}`, body, meta: '', scopeKey: 'default/alpha' }));
  return { raw, store, counted };
}

function fullQuery(db: SqlDatabase, expression: string): FtsMatch[] {
  return db.all<FtsMatch>('SELECT rowid AS id, bm25(pages_fts, 6.0, 1.0, 3.0, 0.0) AS rank FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rank', [expression]);
}

test('a pair holding a word no page holds is not counted, and the answer is the full query’s', () => {
  const { raw, store, counted } = fixture();
  assert.deepEqual(store.match('"alpha" OR "zeta"', null, 10), fullQuery(raw, '"alpha" OR "zeta"'));
  assert.ok(counted.includes('"zeta"'), 'the word on its own was counted first');
  counted.length = 0;
  const pairs = '"zeta alpha" OR "alpha beta" OR "beta zeta"';
  assert.deepEqual(store.match(pairs, null, 10), fullQuery(raw, pairs).slice(0, 10));
  assert.ok(!counted.includes('"zeta alpha"') && !counted.includes('"beta zeta"'), counted.join(', '));
  assert.ok(counted.includes('"alpha beta"'), 'a pair of words both present is still counted');
  raw.close();
});

test('once a page brings the missing word in, the pair is counted again and finds it', () => {
  const { raw, store, counted } = fixture();
  store.match('"alpha" OR "zeta"', null, 10);
  const pairs = '"zeta alpha" OR "gamma alpha"';
  assert.deepEqual(store.match(pairs, null, 10).map((m) => m.id), [3]);
  store.upsert({ id: 9, title: 'page 9', body: 'zeta alpha', meta: '', scopeKey: 'default/alpha' });
  counted.length = 0;
  const after = store.match(pairs, null, 10);
  assert.deepEqual(after, fullQuery(raw, pairs));
  assert.ok(after.some((m) => m.id === 9), 'the new page holding the pair is found');
  assert.ok(counted.includes('"zeta alpha"'));
  raw.close();
});

test('only pairs of plain ASCII words take the shortcut; anything else is counted by FTS5', () => {
  assert.deepEqual(wordsOf('"zeta alpha"'), ['zeta', 'alpha']);
  assert.deepEqual(wordsOf('"Zeta alpha 2"'), ['Zeta', 'alpha', '2']);
  // One word is the phrase itself; letters outside ASCII may tokenize otherwise (diacritics
  // removed, a letter newer than the tokenizer's tables); punctuation splits a word into tokens.
  for (const other of ['"zeta"', '"zéta alpha"', '"ze-ta alpha"', '"zeta  alpha"', '"zeta alpha" OR "b"', 'zeta alpha', '"zeta alpha"*']) assert.equal(wordsOf(other), null, other);
  const { raw, store, counted } = fixture();
  store.match('"alpha" OR "zéta"', null, 10);
  counted.length = 0;
  store.match('"zéta alpha" OR "alpha beta"', null, 10);
  assert.ok(counted.includes('"zéta alpha"'));
  raw.close();
});
