import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { test } from 'node:test';
import type { IndexedPage } from '../../lib/index/indexed-page.js';
import { parseWikiFile } from '../../lib/index/parse-file.js';
import { TitleIndex } from '../../lib/index/title-index.js';

let nextId = 0;
function page(rel: string, title: string): IndexedPage {
  const text = `---\ntitle: ${title}\n---\n# ${title}\n`;
  const parsed = parseWikiFile({ rel, size: text.length, mtimeMs: 0, ctimeMs: 0 }, text, () => ++nextId);
  return (parsed as { page: IndexedPage }).page;
}

// More pages than one background slice adds, so a full load is still going on when used.
const pages = Array.from({ length: 4500 }, (_, i) => page(`default/demo/notes/n${i}.md`, i === 4321 ? 'Quokka migration plan' : `Routine note ${i}`));
const rels = (index: TitleIndex, text: string) => index.query(text, null, 10).map((m) => m.rel);

// A warm start hands the title index every page and goes on (file scan, watcher); the pages are
// added in the background. A search that comes first must still see all of them.
test('a title index used before its background load is done answers as a finished one', async () => {
  const index = new TitleIndex();
  index.load({ pages, fts: null as never });
  assert.deepEqual(rels(index, 'quokka'), ['default/demo/notes/n4321.md']);
  assert.equal(index.size, pages.length);
});

test('changes made while a full load is going on are kept, whatever slice they fall in', async () => {
  const index = new TitleIndex();
  index.load({ pages, fts: null as never });
  await nextTurn(); // one slice added, most pages still to come
  index.upsert(page('default/demo/notes/n4400.md', 'Wombat census'));
  index.remove('default/demo/notes/n4321.md');
  for (let i = 0; i < 5; i++) await nextTurn();
  assert.deepEqual(rels(index, 'wombat'), ['default/demo/notes/n4400.md']);
  assert.deepEqual(rels(index, 'quokka'), []);
  assert.equal(index.size, pages.length - 1);
});

test('a second full load replaces the first even while the first is still being added', async () => {
  const index = new TitleIndex();
  index.load({ pages, fts: null as never });
  await nextTurn();
  index.load({ pages: pages.slice(0, 10), fts: null as never });
  for (let i = 0; i < 5; i++) await nextTurn();
  assert.equal(index.size, 10);
  assert.deepEqual(rels(index, 'quokka'), []);
});
