import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Logger } from '../../lib/core/logger.js';
import { BM25_PAGE_WEIGHTS, type FtsMatch, type FtsStore } from '../../lib/index/fts-store.js';
import { MemoryIndex } from '../../lib/index/memory-index.js';
import { openSqlDatabase } from '../../lib/index/sql-engine.js';
import { TopRowsKeeper } from '../../lib/index/top-rows-keeper.js';
import { openWikiStore } from '../../lib/store/wiki-store.js';
import { tempDir } from '../helpers/temp.js';

/**
 * The server's side of the top-rows lists (top-rows-keeper.ts): computed by a child after the
 * index is saved, kept across a warm start, refused when they belong to another generation,
 * and never in the way when they cannot be had. Small lists on a small wiki stand in for 50k.
 */
const OPTIONS = { from: 50, share: 0.1, listSize: 10 };
const WORDS = ['kettle', 'harbor', 'lantern', 'meadow', 'copper', 'orchard', 'pebble', 'thistle'];

async function wiki(): Promise<{ dataDir: string; notes: string }> {
  const dataDir = await tempDir('aim-top-rows-');
  const notes = join(dataDir, 'wiki/default/demo/notes');
  await mkdir(notes, { recursive: true });
  for (let i = 0; i < 200; i += 1) {
    const words = Array.from({ length: 5 + ((i * 7) % 40) }, (_, k) => WORDS[(i * k + k * k) % (1 + (i % WORDS.length))]!).join(' ');
    await writeFile(join(notes, `page-${i}.md`), `# Page ${i}\n\n${words} page${i}.\n`);
  }
  return { dataDir, notes };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (message: string) => void lines.push(message);
  return { lines, info: push, warn: push, error: push };
}

async function open(dataDir: string, logger: Logger = recordingLogger()) {
  const store = await openWikiStore(dataDir);
  const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: store.layout.index, logger, persistDelayMs: 60_000, buildInChildFrom: Number.MAX_SAFE_INTEGER, topRows: OPTIONS });
  return { store, index };
}

const ftsOf = (index: MemoryIndex) => (index as unknown as { state: { fullText: { store: FtsStore } } }).state.fullText.store;

async function listsOf(index: MemoryIndex) {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const topRows = ftsOf(index).topRows();
    if (topRows !== null) return topRows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no top-rows lists after 30 s');
}

function assertExact(index: MemoryIndex): void {
  const db = ftsOf(index).db;
  for (const a of WORDS) {
    for (const b of WORDS) {
      const expression = a === b ? `"${a}"` : `"${a}" OR "${b}"`;
      const full = db.all<FtsMatch>(`SELECT rowid AS id, bm25(pages_fts, ${BM25_PAGE_WEIGHTS}) AS rank FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rank LIMIT 5`, [expression]);
      assert.deepEqual(index.fullText.match(expression, null, 5), full, expression);
    }
  }
}

describe('top-rows lists in the index', () => {
  it('are computed after a save, answer exactly, survive a warm start, and are refused for another generation', async () => {
    const { dataDir, notes } = await wiki();
    const first = await open(dataDir);
    // Built in this process: no lists until the index is saved (its generation is known then).
    assert.equal(ftsOf(first.index).topRows(), null);
    assert.equal(first.index.status().top_rows, 'none');
    await writeFile(join(notes, 'page-0.md'), '# Page 0\n\nkettle kettle harbor.\n');
    await first.index.apply(['default/demo/notes/page-0.md']);
    await first.index.persist();
    assert.equal(first.index.status().top_rows, 'computing');
    const computed = await listsOf(first.index);
    assert.equal(first.index.status().top_rows, 'ready');
    assert.ok(computed.lists.size >= 4, `${computed.lists.size} lists`);
    assertExact(first.index);
    await first.index.close();

    const logger = recordingLogger();
    const second = await open(dataDir, logger);
    assert.equal(second.index.status().start, 'warm');
    const loaded = await listsOf(second.index);
    assert.deepEqual([...loaded.lists.keys()], [...computed.lists.keys()]);
    assert.ok(!logger.lines.some((line) => line.includes('top-rows lists in use')), 'the warm start computed them again');
    assert.ok(logger.lines.some((line) => line.includes('top-rows lists loaded as saved')), logger.lines.join('\n'));
    assert.equal(second.index.status().top_rows, 'ready');
    // A write after the lists were made: the page is scored, and the lists go with the next save.
    await writeFile(join(notes, 'page-3.md'), '# Page 3\n\nkettle kettle kettle harbor harbor.\n');
    await second.index.apply(['default/demo/notes/page-3.md']);
    assertExact(second.index);
    await second.index.close();

    const indexDir = join(dataDir, 'index');
    const [file] = (await readdir(indexDir)).filter((name) => name.startsWith('toprows-'));
    const saved = JSON.parse(await readFile(join(indexDir, file!), 'utf8')) as { generation: string; changed: number[] };
    assert.equal(saved.changed.length, 1);
    // Lists claiming another generation than their database's are not used.
    await writeFile(join(indexDir, file!), JSON.stringify({ ...saved, generation: 'other' }));
    const third = await open(dataDir, logger);
    assert.equal(ftsOf(third.index).topRows()?.generation ?? null, null);
    await listsOf(third.index);
    assert.ok(logger.lines.some((line) => line.includes('saved top-rows lists not used')), logger.lines.join('\n'));
    assertExact(third.index);
    await third.index.close();
  });

  it('a failing computation leaves search working, without lists', async () => {
    const dir = await tempDir('aim-top-rows-fail-');
    const file = join(dir, 'pages.sqlite');
    const { createFtsStore } = await import('../../lib/index/fts-store.js');
    const fts = createFtsStore(openSqlDatabase(file));
    for (let id = 1; id <= 100; id += 1) fts.upsert({ id, title: 'kettle', body: `kettle harbor ${'meadow '.repeat(id % 7)}`, meta: '', scopeKey: 'default/demo' });
    fts.markSaved('g1');
    // The name is gone (the child cannot link it); the open database still answers.
    await rm(file);
    const logger = recordingLogger();
    const keeper = new TopRowsKeeper({ indexDir: dir, logger, options: OPTIONS });
    keeper.start(fts);
    for (let waited = 0; waited < 30_000 && !logger.lines.some((line) => line.includes('could not compute')); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(logger.lines.some((line) => line.includes('could not compute the top-rows lists')), logger.lines.join('\n'));
    assert.equal(fts.topRows(), null);
    assert.equal(keeper.state(), 'none');
    assert.equal(fts.match('"kettle" OR "harbor"', null, 3).length, 3);
    fts.db.close();
  });
});
