import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Catalog } from '../../lib/index/catalog.js';
import { eachPageHead } from '../../lib/index/catalog-codec.js';
import type { IndexedPage } from '../../lib/index/indexed-page.js';
import { LinkGraph } from '../../lib/index/link-graph.js';
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
  // Labels are read when first used: saved again unread, they stay unread.
  const resaved = await catalog.serialize(manifestFiles);
  assert.ok(Object.getOwnPropertyDescriptor(catalog.get('default/demo/notes/a.md')!, 'labels')?.get, 'saving did not parse the labels');
  assert.deepEqual([...catalog.all()], [...original.all()]);
  assert.deepEqual(catalog.manifest({ workspace: 'default', project: 'demo' } as never), { workspace: 'default', project: 'demo', name: 'Demo' });
  assert.deepEqual(manifestFiles.get('default/demo/project.json'), manifestFile);
  assert.equal(catalog.byRowId(catalog.get('default/demo/notes/b.md')!.id)?.title, 'B — ünïcode 🦘');
  // The catalog saved with its labels unread reads back the same.
  const again = Catalog.deserialize(resaved).catalog;
  assert.deepEqual(again.get('default/demo/notes/a.md')!.labels, [[0, 'the second\\npage']]);
  assert.deepEqual([...again.all()], [...original.all()]);
  // Unread labels leave no trace a caller could see: a copy or JSON of the page holds them parsed.
  const unread = Catalog.deserialize(resaved).catalog.get('default/demo/notes/a.md')!;
  assert.deepEqual(Object.keys(unread).sort(), Object.keys(original.get('default/demo/notes/a.md')!).sort());
  assert.deepEqual(JSON.parse(JSON.stringify(unread)), JSON.parse(JSON.stringify(original.get('default/demo/notes/a.md')!)));
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

test('a catalog of the previous key-list format (v3: no own keys per page) still loads, links and all, so an upgrade starts warm', async () => {
  const list = pages();
  const text = Buffer.from(await catalogOf(list).serialize(new Map())).toString('utf8');
  // v4 lines are `[own key numbers, page, labels text]`; v3 wrote the page alone, labels inside.
  const [header, ...lines] = text.trimEnd().split('\n');
  const v3Line = (line: string) => {
    const [, page, labels] = JSON.parse(line) as [number[], object, string?];
    return JSON.stringify(labels === undefined ? page : { ...page, labels: JSON.parse(labels) as unknown });
  };
  const v3 = [header!.replace('{"catalog":4,', '{"catalog":3,'), ...lines.map(v3Line)].join('\n');
  const { catalog } = Catalog.deserialize(new TextEncoder().encode(`${v3}\n`));
  assert.deepEqual([...catalog.all()], list);
  assert.ok(catalog.linkKeys && catalog.linkKeys.own === undefined);
  const graph = new LinkGraph();
  graph.load({ pages: [...catalog.all()], fts: null as never, linkKeys: catalog.linkKeys });
  assert.deepEqual(graph.links('default/demo/notes/b.md').map((link) => link.to), ['default/demo/notes/a.md']);
  assert.deepEqual(graph.backlinks('default/demo/notes/a.md').map((link) => link.from), ['default/demo/notes/b.md']);
});

test('a page\'s own lookup keys are saved by number, and a number the catalog does not list is an error', async () => {
  const bytes = await catalogOf(pages()).serialize(new Map());
  const { catalog } = Catalog.deserialize(bytes);
  const own = catalog.linkKeys?.own;
  assert.ok(own);
  const keysOf = (i: number) => [...own.numbers.subarray(own.starts[i], own.starts[i + 1])].map((n) => catalog.linkKeys!.keys[n]);
  assert.deepEqual(keysOf(1), ['p:default/demo:notes/b', 'n:default/demo:b', 'n:default/demo:b — ünïcode 🦘']);
  const text = Buffer.from(bytes).toString('utf8');
  const corrupt = text.replace(/\n\[\[(\d+)/, '\n[[999');
  assert.notEqual(corrupt, text);
  assert.throws(() => Catalog.deserialize(new TextEncoder().encode(corrupt)), /own key 999, which the catalog does not list \(corrupt\)/);
  const notAPair = text.replace(/\n\[\[[\d,]*\],/, '\n[');
  assert.throws(() => Catalog.deserialize(new TextEncoder().encode(notAPair)), /corrupt/);
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

test('a catalog saved with the own keys the link graph holds is the same file as one that computes them, and a replaced page computes its own', async () => {
  const list = pages();
  const catalog = catalogOf(list);
  const graph = new LinkGraph();
  graph.load({ pages: list, fts: null as never });
  const computed = await catalog.serialize(new Map());
  let handed = 0;
  const fromGraph = await catalog.serialize(new Map(), (p) => {
    const keys = graph.ownKeys(p);
    if (keys) handed += 1;
    return keys;
  });
  assert.equal(handed, list.length);
  assert.deepEqual(Buffer.from(fromGraph), Buffer.from(computed));
  // The graph now holds a newer version of b (a new title): the old object gets no keys from it.
  const renamed = page('default/demo/notes/b.md', '# B renamed\n\nBack to [[a]].\n');
  graph.upsert(renamed);
  assert.equal(graph.ownKeys(list[1]!), undefined);
  catalog.set(renamed);
  const after = Catalog.deserialize(await catalog.serialize(new Map(), (p) => graph.ownKeys(p))).catalog;
  const reloaded = new LinkGraph();
  reloaded.load({ pages: [...after.all()], fts: null as never, linkKeys: after.linkKeys });
  assert.deepEqual(reloaded.ownKeys(after.get('default/demo/notes/b.md')!), graph.ownKeys(renamed));
  assert.deepEqual(reloaded.links('default/demo/notes/a.md').map((l) => l.to), graph.links('default/demo/notes/a.md').map((l) => l.to));
});

test('the title worker reads the same rel, path, title and tags from a catalog as the full decode, whatever its format or field order', async () => {
  const list = [
    ...pages(),
    // A title that holds the very text the head reader stops at, quotes and a tag.
    page('default/demo/notes/d.md', '---\ntitle: \'Tricky ,"supersedes": [1] "quoted" }\'\ntags: [x, "y ]"]\n---\n# D\n'),
  ];
  const heads = (bytes: Uint8Array) => {
    const out: unknown[] = [];
    eachPageHead(bytes, (p) => out.push({ rel: p.rel, path: p.path, title: p.title, tags: p.tags }));
    return out;
  };
  const expected = list.map((p) => ({ rel: p.rel, path: p.path, title: p.title, tags: p.tags }));
  assert.equal(list[3]!.title, 'Tricky ,"supersedes": [1] "quoted" }');
  assert.deepEqual(heads(await catalogOf(list).serialize(new Map())), expected);
  // Fields in another order (not what this version writes): the whole line is read.
  const reordered = list.map(({ supersedes, ...rest }) => ({ supersedes, ...rest }));
  const v2 = [JSON.stringify({ catalog: 2, manifests: [] }), ...reordered.map((p) => JSON.stringify(p))].join('\n');
  assert.deepEqual(heads(new TextEncoder().encode(`${v2}\n`)), expected);
  assert.deepEqual(heads(new TextEncoder().encode(JSON.stringify({ pages: list, manifests: [] }))), expected);
});

test('a decoded catalog lists each project with its own pages, even when projects alternate in the file, and refuses a page listed twice', async () => {
  const [a, b, c] = pages();
  // demo, other, demo: the decode meets a project again after another one.
  const original = catalogOf([a!, c!, b!]);
  const { catalog } = Catalog.deserialize(await original.serialize(new Map()));
  assert.deepEqual(catalog.inScope({ workspace: 'default', project: 'demo' } as never).map((p) => p.rel).sort(), ['default/demo/notes/a.md', 'default/demo/notes/b.md']);
  assert.deepEqual(catalog.inScope({ workspace: 'default', project: 'other' } as never).map((p) => p.rel), ['default/other/c.md']);
  assert.deepEqual(catalog.projects(), original.projects());
  assert.equal(catalog.byRowId(b!.id)?.rel, 'default/demo/notes/b.md');
  assert.equal(catalog.maxId(), original.maxId());
  // Still a catalog like any other: a change moves its project's version and listing.
  const before = catalog.scopeVersion({ workspace: 'default', project: 'other' } as never);
  catalog.delete('default/other/c.md');
  assert.notEqual(catalog.scopeVersion({ workspace: 'default', project: 'other' } as never), before);
  assert.deepEqual(catalog.inScope({ workspace: 'default', project: 'other' } as never), []);

  const text = Buffer.from(await original.serialize(new Map())).toString('utf8').trimEnd();
  const [header, ...lines] = text.split('\n');
  const twice = Buffer.from(`${[header, ...lines, lines[0]].join('\n')}\n`);
  assert.throws(() => Catalog.deserialize(twice), /lists a page twice/);
});
