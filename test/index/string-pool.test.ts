import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexedPage } from '../../lib/index/indexed-page.js';
import { LinkGraph } from '../../lib/index/link-graph.js';
import { parseWikiFile } from '../../lib/index/parse-file.js';
import { StringPool } from '../../lib/index/string-pool.js';

// The link graph pools its keys for as long as a page uses them; a pool that kept released
// keys would grow with every rename and deleted link of a long-running server.
test('a pooled string is kept while any user holds it and dropped after the last release', () => {
  const pool = new StringPool();
  const key = 'n:default/demo:cache';
  assert.equal(pool.acquire(key), key);
  assert.equal(pool.acquire(['n:default/demo:', 'cache'].join('')), key);
  assert.equal(pool.size, 1);
  pool.release(key);
  assert.equal(pool.size, 1);
  pool.release(key);
  assert.equal(pool.size, 0);
  pool.release(key); // releasing what is not held is harmless
  assert.equal(pool.size, 0);
});

test('the link graph releases every key of a page it drops, through upserts and removals', () => {
  let id = 0;
  const page = (path: string, body: string): IndexedPage => {
    const parsed = parseWikiFile({ rel: `default/demo/${path}`, size: body.length, mtimeMs: 0, ctimeMs: 0 }, body, () => ++id);
    assert.equal(parsed?.type, 'page');
    return (parsed as { page: IndexedPage }).page;
  };
  const graph = new LinkGraph();
  graph.bulkLoad([page('notes/a.md', 'See [[b]] and [[c]].\n'), page('notes/b.md', 'Back to [[a]], on to [[notes/c]].\n')]);
  assert.ok(graph.distinctKeys > 0);
  assert.deepEqual(graph.neighbours('default/demo/notes/b.md'), ['default/demo/notes/a.md']);
  graph.upsert(page('notes/b.md', 'Now only [[d]].\n'));
  graph.upsert(page('notes/c.md', '# C\n\nLinks to [[a]].\n'));
  assert.deepEqual(graph.backlinks('default/demo/notes/c.md').map((l) => l.from), ['default/demo/notes/a.md']);
  for (const rel of ['default/demo/notes/a.md', 'default/demo/notes/b.md', 'default/demo/notes/c.md']) graph.remove(rel);
  assert.equal(graph.size, 0);
  assert.equal(graph.distinctKeys, 0);
});
