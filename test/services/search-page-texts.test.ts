import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const demo = { workspace: 'default', project: 'demo' };
const path = 'notes/cache.md';

/**
 * Snippets are cut from the files (the full-text index holds no text). A
 * person who edits a page, through the API or in their editor, must see the new text in the
 * next snippet, even when the edit keeps the file's length.
 */
describe('snippets after a page changes', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
  });
  const snippet = async (q: string) => (await server.client.search({ q, ...demo })).hits.find((h) => h.path === path)?.snippet ?? '';

  it('shows the new text after a write through the API, and after an edit of the file', async () => {
    await server.client.writePage({ ...demo, path, body: '# Cache\n\nThe eviction policy is LRU with a cap of 512 entries.' });
    assert.match(await snippet('eviction policy'), /LRU with a cap of 512/);
    await server.client.writePage({ ...demo, path, body: '# Cache\n\nThe eviction policy is LFU with a cap of 256 entries.' });
    assert.match(await snippet('eviction policy'), /LFU with a cap of 256/);
    const file = join(server.wikiDir, 'default/demo', path);
    // The same length: only the content hash the index records tells the two texts apart.
    writeFileSync(file, readFileSync(file, 'utf8').replace('LFU with a cap of 256', 'ARC with a cap of 128'));
    await waitFor(async () => /ARC with a cap of 128/.test(await snippet('eviction policy')), 'the edited text in the snippet');
  });
});
