import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Catalog } from '../../lib/index/catalog.js';
import type { IndexedPage } from '../../lib/index/indexed-page.js';
import { KeyTable } from '../../lib/index/key-table.js';
import { LinkGraph } from '../../lib/index/link-graph.js';
import { parseWikiFile } from '../../lib/index/parse-file.js';

let nextId = 0;
function page(rel: string, body: string): IndexedPage {
  const parsed = parseWikiFile({ rel, size: body.length, mtimeMs: 0, ctimeMs: 0 }, body, () => ++nextId);
  assert.equal(parsed?.type, 'page');
  return (parsed as { page: IndexedPage }).page;
}

// The link graph numbers its keys for as long as a page uses them; a table that kept released
// keys would grow with every rename and deleted link of a long-running server.
test('a key keeps its id while any user holds it, and its id is reused after the last release', () => {
  const table = new KeyTable();
  const key = 'n:default/demo:cache';
  const id = table.acquire(key);
  assert.equal(table.acquire(['n:default/demo:', 'cache'].join('')), id);
  assert.equal(table.string(id), key);
  assert.equal(table.release(id), false);
  assert.equal(table.idOf(key), id);
  assert.equal(table.release(id), true);
  assert.equal(table.size, 0);
  assert.equal(table.idOf(key), -1);
  assert.equal(table.release(id), false); // releasing what is not held is harmless
  assert.equal(table.acquire('p:default/demo:other'), id);
});

test('a key table loaded from a saved list keeps its numbers, frees unused ones, and refuses a key listed twice', () => {
  const table = new KeyTable();
  assert.equal(table.reset(['p:a', 'n:b', 'n:c'], [2, 0, 1]), true);
  assert.deepEqual([table.idOf('p:a'), table.idOf('n:b'), table.idOf('n:c')], [0, -1, 2]);
  assert.equal(table.size, 2);
  assert.equal(table.acquire('n:d'), 1); // the unused number is handed out again
  assert.equal(table.reset(['p:a', 'n:b', 'p:a'], [1, 1, 1]), false);
  assert.equal(table.size, 0);
  assert.equal(table.idOf('p:a'), -1);
  // A key listed twice but unused the second time is no conflict.
  assert.equal(table.reset(['p:a', 'p:a'], [1, 0]), true);
  assert.equal(table.idOf('p:a'), 0);
});

test('the link graph releases every key of a page it drops, through upserts, removals and compactions', () => {
  for (const compactFrom of [1, 1024]) {
    const graph = new LinkGraph(compactFrom);
    graph.bulkLoad([page('default/demo/notes/a.md', 'See [[b]] and [[c]].\n'), page('default/demo/notes/b.md', 'Back to [[a]], on to [[notes/c]].\n')]);
    assert.ok(graph.distinctKeys > 0);
    assert.deepEqual(graph.neighbours('default/demo/notes/b.md'), ['default/demo/notes/a.md']);
    graph.upsert(page('default/demo/notes/b.md', 'Now only [[d]].\n'));
    graph.upsert(page('default/demo/notes/c.md', '# C\n\nLinks to [[a]].\n'));
    assert.deepEqual(graph.backlinks('default/demo/notes/c.md').map((l) => l.from), ['default/demo/notes/a.md']);
    assert.deepEqual(graph.links('default/demo/notes/b.md').map((l) => [l.target, l.to]), [['d', null]]);
    for (const rel of ['default/demo/notes/a.md', 'default/demo/notes/b.md', 'default/demo/notes/c.md']) graph.remove(rel);
    assert.equal(graph.size, 0);
    assert.equal(graph.distinctKeys, 0);
  }
});

const PROJECTS = ['default/alpha', 'default/beta', 'default/_global', 'team/alpha'];
const NAMES = ['cache', 'deploy-notes', 'Flaky CI', 'db', 'readme'];
const FOLDERS = ['notes', 'decisions', 'notes/old'];
const target = fc.record({ qualified: fc.boolean(), markdown: fc.boolean(), project: fc.constantFrom(...PROJECTS), folder: fc.constantFrom(...FOLDERS), name: fc.constantFrom(...NAMES) });
const edit = fc.record({
  remove: fc.boolean(),
  project: fc.constantFrom(...PROJECTS),
  folder: fc.constantFrom(...FOLDERS),
  name: fc.constantFrom(...NAMES),
  title: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
  links: fc.array(target, { maxLength: 6 }),
  supersedes: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
});
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function pageOf(e: Edit): IndexedPage {
  const rel = `${e.project}/${e.folder}/${e.name.toLowerCase().replace(/ /g, '-')}.md`;
  const up = rel.split('/').slice(3).map(() => '..').join('/') || '.';
  const links = e.links.map((l) =>
    l.markdown ? `[x](${up}/${l.folder}/${l.name.toLowerCase().replace(/ /g, '-')}.md)` : `[[${l.qualified ? `${l.project.split('/')[1]}:` : ''}${l.name}]]`,
  );
  const front = [`title: ${e.title ?? e.name}`, ...(e.supersedes ? [`supersedes: [${e.supersedes}]`] : [])];
  return page(rel, `---\n${front.join('\n')}\n---\n# ${e.title ?? e.name}\n\n${links.join(' and ')}\n`);
}

/** What a user sees of each page (links, backlinks, neighbours, supersession), order aside. */
function answers(graph: LinkGraph, rels: string[]) {
  const sorted = <T>(list: T[]) => list.map((item) => JSON.stringify(item)).sort();
  return rels.map((rel) => ({
    rel,
    links: graph.links(rel),
    backlinks: sorted(graph.backlinks(rel)),
    neighbours: sorted(graph.neighbours(rel)),
    // Which side a page is listed on depends on which hub is read first when two tie: not compared.
    coCited: sorted(graph.coCited(rel, 2, Number.POSITIVE_INFINITY).map(({ rel: other, distance }) => [other, distance])),
    superseded: graph.isSuperseded(rel),
  }));
}

// A server keeps its graph up to date one changed page at a time (new slots, gone slots
// skipped, compactions) for days; a restart loads it in one pass. Both must answer the same.
test('a graph kept up to date page by page answers as one loaded from the resulting pages', () => {
  fc.assert(
    fc.property(fc.array(edit, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (edits, compactFrom) => {
      const graph = new LinkGraph(compactFrom);
      const current = new Map<string, IndexedPage>();
      for (const e of edits) {
        const next = pageOf(e);
        if (e.remove) {
          graph.remove(next.rel);
          current.delete(next.rel);
        } else {
          graph.upsert({ ...next, out: [...next.out] });
          current.set(next.rel, next);
        }
      }
      const fresh = new LinkGraph();
      fresh.bulkLoad([...current.values()]);
      const rels = [...new Set(edits.map((e) => pageOf(e).rel))];
      assert.equal(graph.size, current.size);
      assert.equal(graph.distinctKeys, fresh.distinctKeys);
      assert.deepEqual(answers(graph, rels), answers(fresh, rels));
    }),
    { numRuns: 200 },
  );
});

// A warm start loads the graph from the saved catalog's key numbers instead of interning each
// link's key; it must be the same graph, and stay correct through later edits.
test('a graph loaded from a saved catalog by key number answers as one built by interning keys', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { maxLength: 30 }), fc.array(edit, { maxLength: 10 }), async (specs, later) => {
      const saved = new Catalog();
      for (const e of specs) saved.set(pageOf(e));
      const { catalog } = Catalog.deserialize(await saved.serialize(new Map()));
      assert.ok(catalog.linkKeys);
      const pages = [...catalog.all()];
      const numbered = new LinkGraph();
      numbered.load({ pages, fts: null as never, linkKeys: catalog.linkKeys });
      const interned = new LinkGraph();
      interned.bulkLoad(pages.map((p) => ({ ...p, out: [...p.out] })));
      const rels = [...new Set([...specs, ...later].map((e) => pageOf(e).rel))];
      assert.equal(numbered.distinctKeys, interned.distinctKeys);
      assert.deepEqual(answers(numbered, rels), answers(interned, rels));
      for (const e of later) {
        const next = pageOf(e);
        for (const graph of [numbered, interned]) e.remove ? graph.remove(next.rel) : graph.upsert({ ...next, out: [...next.out] });
      }
      assert.equal(numbered.distinctKeys, interned.distinctKeys);
      assert.deepEqual(answers(numbered, rels), answers(interned, rels));
    }),
    { numRuns: 100 },
  );
});
