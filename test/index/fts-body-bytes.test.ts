import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFtsStore, type FtsRow } from '../../lib/index/fts-store.js';
import { openSqlDatabase } from '../../lib/index/sql-engine.js';

const ROWS: FtsRow[] = [
  { id: 1, title: 'Café notes', body: 'The quick brown foxes were running past ünïcödé signs and emoji 😀 here.', meta: 'note', scopeKey: 'default/alpha' },
  { id: 2, title: 'Docker', body: 'docker compose runs the services; Ærøskøbing, naïve résumé, 東京 words.', meta: 'fact', scopeKey: 'default/alpha' },
  { id: 3, title: 'Other', body: 'running running runner ran; a fox and a café in the résumé.', meta: 'gotcha', scopeKey: 'default/beta' },
  { id: 4, title: 'Empty body', body: '', meta: 'fact', scopeKey: 'default/beta' },
];

/**
 * A rebuild's worker inserts each body as its UTF-8 bytes (fts-build-worker.ts): FTS5 must
 * tokenize the blob exactly like the text, with the same scores, or a cold start would answer
 * differently from a page written later.
 */
test('a body inserted as UTF-8 bytes is found and scored exactly as the same text', () => {
  const asText = createFtsStore(openSqlDatabase(null));
  const asBytes = createFtsStore(openSqlDatabase(null));
  const utf8 = new TextEncoder();
  for (const row of ROWS) {
    asText.insertFresh(row);
    asBytes.insertFresh(row, utf8.encode(row.body));
  }
  for (const query of ['"cafe"', '"run"', '"fox"', '"unicode"', '"aeroskobing"', '"resume"', '"東京"', '"docker" AND "compose"', '"emoji"', '"body"']) {
    const expected = asText.match(query, null, 10);
    assert.ok(query === '"aeroskobing"' || expected.length > 0, `${query} finds something`);
    assert.deepEqual(asBytes.match(query, null, 10), expected, query);
    assert.deepEqual(asBytes.match(query, ['default/beta'], 10), asText.match(query, ['default/beta'], 10), `${query} in a scope`);
  }
});
