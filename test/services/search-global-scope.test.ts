import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const demo = { workspace: 'default', project: 'demo' };
const global = { workspace: 'default', project: '_global' };

/**
 * A query from inside a project (memory_query resolved by the agent's directory) also searches
 * the cross-project `_global` pages and returns them apart; a wiki without any skips that pass.
 */
describe('search from inside a project, with the cross-project pages beside', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    await server.client.writePage({ ...demo, path: 'notes/tabs.md', body: '# Indentation\n\nThis project indents with tabs.' });
  });
  const ask = (q: string) => server.running.services.search.search({ q, scopes: [demo as never], limit: 10, withGlobalScope: true });

  it('has no cross-project hits while `_global` holds no page', async () => {
    const result = await ask('tabs');
    assert.deepEqual(result.hits.map((h) => h.path), ['notes/tabs.md']);
    assert.equal(result.global_scope_hits, undefined);
  });

  it('returns the `_global` pages that match once there are some, apart from the project\'s', async () => {
    await server.client.writePage({ ...global, path: 'rules/indent.md', body: '# Indent\n\nTwo spaces, never tabs.' });
    const result = await ask('tabs');
    assert.deepEqual(result.hits.map((h) => h.path), ['notes/tabs.md']);
    assert.deepEqual(result.global_scope_hits?.map((h) => `${h.project}/${h.path}`), ['_global/rules/indent.md']);
    assert.equal((await ask('zebra')).global_scope_hits, undefined, 'no match there, no list');
  });
});
