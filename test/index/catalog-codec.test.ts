import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Catalog } from '../../lib/index/catalog.js';
import type { IndexedPage } from '../../lib/index/indexed-page.js';
import { parseWikiFile } from '../../lib/index/parse-file.js';

let id = 0;
function page(rel: string, text: string): IndexedPage {
  const parsed = parseWikiFile({ rel, size: text.length, mtimeMs: 1, ctimeMs: 2 }, text, () => ++id);
  assert.equal(parsed?.type, 'page');
  return (parsed as { page: IndexedPage }).page;
}

function catalogOf(pages: IndexedPage[]): Catalog {
  const catalog = new Catalog();
  for (const p of pages) catalog.set(p);
  catalog.setManifest({ workspace: 'default', project: 'demo', name: 'Demo' });
  return catalog;
}

const pages = () => [
  page('default/demo/notes/a.md', '---\ntitle: "Line one\\nline two"\naliases: [Åsa, "naïve café"]\n---\n# A\n\nSee [[b|the second\\npage]] and [[c]].\n'),
  page('default/demo/notes/b.md', '# B — ünïcode 🦘\n\nBack to [[a]].\n'),
  page('default/other/c.md', '# C\n\nplain\n'),
];

test('a saved catalog reads back page for page, manifests included, whatever the titles and labels hold', async () => {
  const original = catalogOf(pages());
  const manifestFile = { size: 10, mtimeMs: 3, ctimeMs: 4, hash: 'abc' };
  const bytes = await original.serialize(new Map([['default/demo/project.json', manifestFile]]));
  // One header line and one line per page: no page is ever parsed as part of a whole document.
  assert.equal(Buffer.from(bytes).toString('utf8').trimEnd().split('\n').length, 4);
  const { catalog, manifestFiles } = Catalog.deserialize(bytes);
  assert.deepEqual([...catalog.all()], [...original.all()]);
  assert.deepEqual(catalog.manifest({ workspace: 'default', project: 'demo' } as never), { workspace: 'default', project: 'demo', name: 'Demo' });
  assert.deepEqual(manifestFiles.get('default/demo/project.json'), manifestFile);
  assert.equal(catalog.byRowId(catalog.get('default/demo/notes/b.md')!.id)?.title, 'B — ünïcode 🦘');
});

test('a catalog saved by the previous version (one JSON document) still loads, so an upgrade starts warm', () => {
  const list = pages();
  const old = new TextEncoder().encode(JSON.stringify({ pages: list, manifests: [] }));
  const { catalog } = Catalog.deserialize(old);
  assert.deepEqual([...catalog.all()], list);
});

test('a catalog of the previous line format (links written out per page) still loads, so an upgrade starts warm', () => {
  const list = pages();
  const old = [JSON.stringify({ catalog: 2, manifests: [] }), ...list.map((p) => JSON.stringify(p))].join('\n');
  const { catalog } = Catalog.deserialize(new TextEncoder().encode(`${old}\n`));
  assert.deepEqual([...catalog.all()], list);
});

test('each link key is written once, and a key number the catalog does not list is an error', async () => {
  const bytes = await catalogOf(pages()).serialize(new Map());
  const [a, b] = [...Catalog.deserialize(bytes).catalog.all()];
  const text = Buffer.from(bytes).toString('utf8');
  // Written once in the header: the file does not grow with every page that links to a key.
  assert.equal(text.split('n:default/demo:a').length - 1, 1);
  assert.ok(a!.out.length > 0 && b!.out.length > 0);
  const corrupt = text.replace(/"out":\[(\d+)/, '"out":[999');
  assert.notEqual(corrupt, text);
  assert.throws(() => Catalog.deserialize(new TextEncoder().encode(corrupt)), /does not list \(corrupt\)/);
});

test('a catalog cut short is an error, not a smaller wiki', async () => {
  const bytes = await catalogOf(pages()).serialize(new Map());
  const cut = bytes.subarray(0, bytes.byteLength - 20);
  assert.throws(() => Catalog.deserialize(cut), SyntaxError);
});
