import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseWikiFile } from '../../lib/index/parse-file.js';
import type { IndexedPage } from '../../lib/index/indexed-page.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function bigPage(i: number): string {
  const filler = `Filler words for page ${i} so that the file is large. `.repeat(20_000);
  return [
    '---',
    `title: A title long enough to be a view ${i}`,
    `tags: [a-long-enough-tag-${i}, another-long-tag-${i}]`,
    `summary: A summary long enough to be a view ${i}`,
    'created: 2026-07-18T10:20:30Z',
    '---',
    `Links to [[some-long-target-page-${i}|words long enough to be a view]] and [the text](../notes/other-long-target-${i}.md).`,
    filler,
  ].join('\n');
}

describe('indexed page records', () => {
  it('do not keep the file text they were parsed from alive', () => {
    const pages: IndexedPage[] = [];
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    let id = 1;
    for (let i = 0; i < 40; i++) {
      const parsed = parseWikiFile({ rel: `default/proj/notes/page-${i}.md`, size: 0, mtimeMs: 0, ctimeMs: 0 }, bigPage(i), () => id++);
      assert.equal(parsed?.type, 'page');
      if (parsed?.type === 'page') pages.push(parsed.page);
    }
    collectGarbage();
    const kept = process.memoryUsage().heapUsed - before;
    assert.equal(pages[3]!.title, 'A title long enough to be a view 3');
    assert.deepEqual(pages[3]!.labels, [[0, 'words long enough to be a view'], [1, 'the text']]);
    // 40 files of ~1 MB each: a record holding any of them keeps ~40 MB alive.
    assert.ok(kept < 8_000_000, `records keep ${Math.round(kept / 1e6)} MB`);
  });
});
