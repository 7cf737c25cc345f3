import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeCatalog } from '../../lib/index/catalog-codec.js';
import type { IndexedPage } from '../../lib/index/indexed-page.js';
import { parseWikiFile } from '../../lib/index/parse-file.js';
import { TitleIndex } from '../../lib/index/title-index.js';

let nextId = 0;
function page(rel: string, title: string, tags: string[] = []): IndexedPage {
  const text = `---\ntitle: ${title}\ntags: [${tags.join(', ')}]\n---\n# ${title}\n`;
  const parsed = parseWikiFile({ rel, size: text.length, mtimeMs: 0, ctimeMs: 0 }, text, () => ++nextId);
  return (parsed as { page: IndexedPage }).page;
}

const pages = Array.from({ length: 3000 }, (_, i) =>
  page(`default/${i % 2 ? 'demo' : 'other'}/notes/note-${i}.md`, i === 1234 ? 'Quokka migration plan' : `Routine note ${i} about deploys`, i % 7 ? [] : ['weekly']),
);
const QUESTIONS = ['quokka', 'quoka migraton', 'rout', 'deploy weekly', 'note 77', 'nothing-like-this'];

/** The catalog as the index holds it: what the title worker rebuilds from after a failure. */
function catalogOf(list: IndexedPage[]): Map<string, IndexedPage> {
  return new Map(list.map((p) => [p.rel, p]));
}

function answers(index: TitleIndex): unknown[] {
  return QUESTIONS.flatMap((q) => [index.query(q, null, 50), index.query(q, ['default/demo'], 50)]);
}

test('a title index held in its worker answers exactly as one on the main thread, changes included', async () => {
  const catalog = catalogOf(pages);
  const inWorker = new TitleIndex({ currentPages: () => catalog.values(), workerFrom: 1 });
  const local = new TitleIndex();
  try {
    inWorker.load({ pages, fts: null as never });
    local.load({ pages, fts: null as never });
    assert.deepEqual(answers(inWorker), answers(local));
    assert.ok(inWorker.query('quokka', null, 5).length > 0);
    // Read-your-writes: a question right after a change sees it.
    const wombat = page('default/demo/notes/note-5.md', 'Wombat census');
    for (const index of [inWorker, local]) {
      index.upsert(wombat);
      index.remove('default/other/notes/note-1234.md');
    }
    assert.deepEqual(inWorker.query('wombat', null, 5).map((m) => m.rel), ['default/demo/notes/note-5.md']);
    assert.deepEqual(inWorker.query('quokka', null, 5), []);
    assert.deepEqual(answers(inWorker), answers(local));
    assert.equal(inWorker.size, pages.length - 1);
    assert.equal(inWorker.inWorker, true, 'answered by the worker, not by a fallback');
  } finally {
    inWorker.close();
  }
});

test('a saved catalog preloaded by the worker is adopted when its pages are installed, even after a release', async () => {
  const bytes = await encodeCatalog(pages, []);
  const catalog = catalogOf(pages);
  const index = new TitleIndex({ currentPages: () => catalog.values(), preloadFromBytes: 1, workerFrom: 1_000_000 });
  try {
    index.preload('/index/catalog-a.json', bytes);
    index.load({ pages: [], fts: null as never }); // IndexState.release before a rebuild's install
    index.load({ pages, fts: null as never, catalogFile: '/index/catalog-a.json' });
    const local = new TitleIndex();
    local.load({ pages, fts: null as never });
    assert.deepEqual(answers(index), answers(local));
    assert.equal(index.inWorker, true, 'answered by the worker, not by a fallback');
  } finally {
    index.close();
  }
});

test('when the worker cannot be trusted the main thread rebuilds from the current pages and nothing is lost', async () => {
  // The worker read a catalog of 10 pages, but 3000 are installed from "that file": the count check fails.
  const bytes = await encodeCatalog(pages.slice(0, 10), []);
  const catalog = catalogOf(pages);
  const index = new TitleIndex({ currentPages: () => catalog.values(), preloadFromBytes: 1, workerFrom: 1_000_000 });
  try {
    index.preload('/index/catalog-b.json', bytes);
    index.load({ pages, fts: null as never, catalogFile: '/index/catalog-b.json' });
    assert.deepEqual(index.query('quokka', null, 5).map((m) => m.rel), ['default/other/notes/note-1234.md']);
    assert.equal(index.size, pages.length);
    assert.equal(index.inWorker, false);

    // A change the worker fails to apply (a page without a rel) breaks it too; the catalog is the record.
    const fresh = new TitleIndex({ currentPages: () => catalog.values(), workerFrom: 1 });
    try {
      fresh.load({ pages, fts: null as never });
      const emu = page('default/demo/notes/emu.md', 'Emu sightings');
      catalog.set(emu.rel, emu);
      fresh.upsert({ ...emu, rel: undefined } as unknown as IndexedPage);
      assert.deepEqual(fresh.query('emu sightings', null, 5).map((m) => m.rel), ['default/demo/notes/emu.md']);
      assert.equal(fresh.size, pages.length + 1);
    } finally {
      fresh.close();
    }
  } finally {
    index.close();
  }
});

test('a title question asked ahead is answered as `query` answers it, to its own asker, in any order of taking', async () => {
  const catalog = catalogOf(pages);
  const inWorker = new TitleIndex({ currentPages: () => catalog.values(), workerFrom: 1 });
  const local = new TitleIndex();
  try {
    inWorker.load({ pages, fts: null as never });
    local.load({ pages, fts: null as never });
    // Several questions in flight at once, taken in reverse: each gets its own answer.
    const asked = QUESTIONS.map((q) => inWorker.ask(q, null, 50));
    const taken = asked.map((_, i) => asked[asked.length - 1 - i]!()).reverse();
    assert.deepEqual(taken, QUESTIONS.map((q) => local.query(q, null, 50)));
    // A question never taken does not disturb the ones after it.
    inWorker.ask('quokka', null, 5);
    assert.deepEqual(inWorker.ask('deploy weekly', ['default/demo'], 50)(), local.query('deploy weekly', ['default/demo'], 50));
    assert.deepEqual(inWorker.query('rout', null, 50), local.query('rout', null, 50));
    // Changes made before the question are in its answer.
    const wombat = page('default/demo/notes/note-5.md', 'Wombat census');
    inWorker.upsert(wombat);
    assert.deepEqual(inWorker.ask('wombat', null, 5)().map((m) => m.rel), ['default/demo/notes/note-5.md']);
    assert.equal(inWorker.inWorker, true, 'answered by the worker, not by a fallback');
  } finally {
    inWorker.close();
  }
});

test('a title question asked ahead of a worker that fails is answered on the main thread', async () => {
  const catalog = catalogOf(pages);
  const index = new TitleIndex({ currentPages: () => catalog.values(), workerFrom: 1 });
  try {
    index.load({ pages, fts: null as never });
    // A change the worker fails to apply breaks it: the question asked after it gets the failure.
    index.upsert({ ...pages[0]!, rel: undefined } as unknown as IndexedPage);
    const answer = index.ask('quokka', null, 5);
    assert.deepEqual(answer().map((m) => m.rel), ['default/other/notes/note-1234.md']);
    assert.equal(index.inWorker, false);
  } finally {
    index.close();
  }
});
