import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFtsStore, type FtsMatch, type FtsRow } from '../../lib/index/fts-store.js';
import { readVarints } from '../../lib/index/fts-totals.js';
import { openSqlDatabase, type SqlDatabase } from '../../lib/index/sql-engine.js';
import { tempDir } from '../helpers/temp.js';

/**
 * A wiki's pages are rewritten all day (a session page after every turn). Search must rank a
 * page the same whether the index was built this morning or a month of edits ago: bm25 reads the
 * table's row count and tokens per column, and FTS5 (contentless_delete) does not take deleted
 * rows out of them. Every answer here is compared with a fresh index of the same pages.
 */
const WORDS = ['deploy', 'rollback', 'ledger', 'invoice', 'migration', 'token', 'cache', 'retry', 'queue', 'schema'];

function pageRow(id: number, version: number): FtsRow {
  const words = Array.from({ length: 4 + ((id * 7 + version * 3) % 40) }, (_, k) => WORDS[(id + k * (version + 1)) % WORDS.length]);
  return { id, title: `page ${id} ${WORDS[(id + version) % WORDS.length]}`, body: words.join(' '), meta: `notes v${version}`, scopeKey: id % 2 ? 'default/alpha' : 'default/beta' };
}

const ranked = (db: SqlDatabase, table: string, weights: string, expression: string): FtsMatch[] =>
  db.all<FtsMatch>(`SELECT rowid AS id, bm25(${table}, ${weights}) AS rank FROM ${table} WHERE ${table} MATCH ? ORDER BY rank, rowid`, [expression]);

const totalsOf = (db: SqlDatabase, table: string) => readVarints(db.get<{ block: Uint8Array }>(`SELECT block FROM ${table}_data WHERE id = 1`)!.block);

/** The edited store, and a fresh one holding only what the edited one should now hold. */
function editedAndFresh() {
  const edited = openSqlDatabase(null);
  const store = createFtsStore(edited);
  const final = new Map<number, FtsRow>();
  const vocab = new Map<number, string>();
  for (let id = 1; id <= 120; id += 1) {
    store.upsert(pageRow(id, 0));
    store.setVocabulary(id, pageRow(id, 0).scopeKey, `link words ${WORDS[id % WORDS.length]}`);
    final.set(id, pageRow(id, 0));
    vocab.set(id, `link words ${WORDS[id % WORDS.length]}`);
  }
  // A month of edits: pages rewritten again and again, some removed, vocabulary replaced or cleared.
  for (let round = 1; round <= 5; round += 1) {
    for (let id = round; id <= 120; id += 3) {
      store.upsert(pageRow(id, round));
      final.set(id, pageRow(id, round));
      const words = round % 2 ? '' : `anchor ${WORDS[(id + round) % WORDS.length]}`;
      store.setVocabulary(id, pageRow(id, round).scopeKey, words);
      if (words) vocab.set(id, words);
      else vocab.delete(id);
    }
  }
  edited.transaction(() => {
    for (const id of [7, 8, 9, 50, 51]) {
      store.remove(id);
      final.delete(id);
      vocab.delete(id);
    }
  });
  const fresh = openSqlDatabase(null);
  const freshStore = createFtsStore(fresh);
  for (const row of final.values()) freshStore.upsert(row);
  for (const [id, words] of vocab) freshStore.setVocabulary(id, final.get(id)!.scopeKey, words);
  return { edited, store, fresh, freshStore };
}

test('after rewrites and removals, every page scores exactly as in a fresh index of the same pages', () => {
  const { edited, store, fresh, freshStore } = editedAndFresh();
  assert.deepEqual(totalsOf(edited, 'pages_fts'), totalsOf(fresh, 'pages_fts'));
  assert.deepEqual(totalsOf(edited, 'vocab_fts'), totalsOf(fresh, 'vocab_fts'));
  for (const expression of ['"ledger"', '"deploy" OR "rollback"', '"cache" OR "retry" OR "queue" OR "schema"', '"invoice migration"']) {
    assert.deepEqual(ranked(edited, 'pages_fts', '6.0, 1.0, 3.0, 0.0', expression), ranked(fresh, 'pages_fts', '6.0, 1.0, 3.0, 0.0', expression), expression);
    // The store's own answers (pruned or not) too, everywhere and in one project.
    assert.deepEqual(store.match(expression, null, 10), freshStore.match(expression, null, 10), expression);
    assert.deepEqual(store.match(expression, ['default/alpha'], 5), freshStore.match(expression, ['default/alpha'], 5), expression);
  }
  assert.deepEqual(ranked(edited, 'vocab_fts', '1.0, 0.0', '"anchor" OR "ledger"'), ranked(fresh, 'vocab_fts', '1.0, 0.0', '"anchor" OR "ledger"'));
  assert.deepEqual(store.matchVocabulary('"anchor" OR "token"', null, 10), freshStore.matchVocabulary('"anchor" OR "token"', null, 10));
});

test('a write that rolls back leaves the totals as they were', () => {
  const { edited, store, fresh } = editedAndFresh();
  assert.throws(() =>
    edited.transaction(() => {
      store.remove(10);
      store.upsert(pageRow(11, 9));
      throw new Error('the disk is full');
    }),
  );
  assert.deepEqual(totalsOf(edited, 'pages_fts'), totalsOf(fresh, 'pages_fts'));
  assert.deepEqual(ranked(edited, 'pages_fts', '6.0, 1.0, 3.0, 0.0', '"ledger" OR "token"'), ranked(fresh, 'pages_fts', '6.0, 1.0, 3.0, 0.0', '"ledger" OR "token"'));
});

test('an index whose totals drifted (written before the fix) is put right when it is opened', async () => {
  const file = `${await tempDir('aim-fts-totals-')}/pages.sqlite`;
  const drifted = openSqlDatabase(file);
  const store = createFtsStore(drifted);
  for (let id = 1; id <= 60; id += 1) store.upsert(pageRow(id, 0));
  // Deletes behind the store's back, as every rewrite did before: FTS5 keeps the rows counted.
  for (let id = 1; id <= 30; id += 1) drifted.run('DELETE FROM pages_fts WHERE rowid = ?', [id]);
  assert.equal(totalsOf(drifted, 'pages_fts')[0], 60, 'FTS5 itself does not take deleted rows out of its totals');
  drifted.close();

  const reopened = openSqlDatabase(file, { mustExist: true });
  createFtsStore(reopened);
  const fresh = openSqlDatabase(null);
  const freshStore = createFtsStore(fresh);
  for (let id = 31; id <= 60; id += 1) freshStore.upsert(pageRow(id, 0));
  assert.deepEqual(totalsOf(reopened, 'pages_fts'), totalsOf(fresh, 'pages_fts'));
  assert.deepEqual(ranked(reopened, 'pages_fts', '6.0, 1.0, 3.0, 0.0', '"queue" OR "deploy"'), ranked(fresh, 'pages_fts', '6.0, 1.0, 3.0, 0.0', '"queue" OR "deploy"'));
  reopened.close();
});
