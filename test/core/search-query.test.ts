import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { prepareFtsQuery } from '../../lib/core/search-query.js';
import { openSqlDatabase, type SqlDatabase } from '../../lib/index/sql-engine.js';

describe('prepareFtsQuery', () => {
  let db: SqlDatabase;
  before(async () => {
    db = await openSqlDatabase();
    db.exec("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')");
    db.run('INSERT INTO t(rowid, title, body) VALUES (1, ?, ?)', ['Standardised on Postgres', 'We use foo-bar and a:b in lib/core/file.ts']);
  });

  it('ORs the meaningful words and drops stopwords', () => {
    const { match, terms } = prepareFtsQuery('where did we leave the postgres decision?');
    assert.equal(match, '"leave" OR "postgres" OR "decision"');
    assert.deepEqual(terms, ['leave', 'postgres', 'decision']);
  });

  it('keeps stopwords when the query has nothing else', () => {
    assert.equal(prepareFtsQuery('the').match, '"the"');
  });

  it('turns compound tokens into phrases', () => {
    assert.equal(prepareFtsQuery('foo-bar lib/core/file.ts').match, '"foo bar" OR "lib core file ts"');
  });

  const hostile = [
    'foo-bar',
    'a:b',
    'title:postgres',
    '"unbalanced',
    'quo"te',
    '*',
    'post*',
    '(unbalanced',
    'a) OR (b',
    'AND OR NOT NEAR',
    'NEAR(a b)',
    '-leading',
    "it's O'Reilly",
    '^caret {brace} [bracket]',
    '😀 emoji ünïcode',
    '\u0000nul',
    '   ',
    '',
  ];
  for (const query of hostile) {
    it(`never makes FTS5 fail: ${JSON.stringify(query)}`, () => {
      const { match } = prepareFtsQuery(query);
      if (match !== null) assert.doesNotThrow(() => db.all('SELECT rowid FROM t WHERE t MATCH ?', [match]));
    });
  }

  it('finds the page for natural queries with punctuation', () => {
    for (const query of ['postgres?', 'foo-bar', 'a:b', '"postgres"', 'file.ts']) {
      const { match } = prepareFtsQuery(query);
      assert.equal(db.all('SELECT rowid FROM t WHERE t MATCH ?', [match!]).length, 1, query);
    }
  });
});
