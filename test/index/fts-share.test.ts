import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFtsStore } from '../../lib/index/fts-store.js';
import { openSqlDatabase } from '../../lib/index/sql-engine.js';

/** Search weighs a related word by the share of the searched pages holding it (core/related-budget.ts). */
test('share counts the pages holding a phrase, in the scopes asked or everywhere, and follows changes', () => {
  const store = createFtsStore(openSqlDatabase(null));
  const page = (id: number, body: string, scopeKey: string) => store.upsert({ id, title: `page ${id}`, body, meta: '', scopeKey });
  page(1, 'docker compose', 'default/alpha');
  page(2, 'docker swarm', 'default/alpha');
  page(3, 'podman', 'default/alpha');
  page(4, 'docker', 'default/beta');
  assert.deepEqual(store.share('"docker"', null), { holding: 3, pages: 4 });
  assert.deepEqual(store.share('"docker"', ['default/alpha']), { holding: 2, pages: 3 });
  assert.deepEqual(store.share('"docker"', ['default/beta']), { holding: 1, pages: 1 });
  assert.deepEqual(store.share('"nerdctl"', ['default/alpha']), { holding: 0, pages: 3 });
  store.remove(1);
  assert.deepEqual(store.share('"docker"', ['default/alpha']), { holding: 1, pages: 2 }, 'a count never outlives a change');
});
