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

  it('searches a verb and its particle written apart as the word software writes ("log in" is the login)', () => {
    // Word by word, "log in" would be "log" (the particle is a stopword) and find the logger's pages.
    assert.equal(prepareFtsQuery('customers cannot log in after the reset').match, '"customers" OR ("login" OR "log in") OR "reset"');
    assert.deepEqual(prepareFtsQuery('staff were logged out twice').terms, ['staff', 'logout', 'twice']);
    assert.match(prepareFtsQuery('how do we roll back a bad deploy').match ?? '', /\("rollback" OR "roll back"\)/);
    assert.match(prepareFtsQuery('signing up with a work email').match ?? '', /"signup"/);
    // A noun after a determiner is not the verb: "the log in production" is a log.
    assert.doesNotMatch(prepareFtsQuery('grep the log in production').match ?? '', /login/);
    assert.equal(prepareFtsQuery('log rotation').match, '"log" OR "rotation"');
  });

  it('finds a page writing the compound and one writing the phrase alike', () => {
    // A table of its own: the other tests count the rows of `t`.
    db.exec("CREATE VIRTUAL TABLE auth USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')");
    db.run('INSERT INTO auth(rowid, title, body) VALUES (2, ?, ?), (3, ?, ?), (4, ?, ?)', ['Login expiry', 'Sessions end after an hour', 'Re-auth', 'Users must sign in again', 'Logging', 'The logger writes a log line in JSON']);
    const rows = (q: string) => db.all<{ rowid: number }>('SELECT rowid FROM auth WHERE auth MATCH ? ORDER BY rowid', [prepareFtsQuery(q).match!]).map((r) => r.rowid);
    assert.deepEqual(rows('log in'), [2]);
    assert.deepEqual(rows('signed in'), [3]);
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
