import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Logger } from '../../lib/core/logger.js';
import { SCHEMA_VERSION } from '../../lib/index/fts-store.js';
import { MemoryIndex } from '../../lib/index/memory-index.js';
import { loadHistory, openPersisted } from '../../lib/index/persist.js';
import { openSqlDatabase } from '../../lib/index/sql-engine.js';
import { openWikiStore } from '../../lib/store/wiki-store.js';
import { tempDir } from '../helpers/temp.js';

/**
 * A full index build runs in a child process that writes a new database file and its catalog; the
 * server opens them. These tests force the child for a small wiki (`buildInChildFrom: 0`).
 */
async function wikiWithPages(count: number): Promise<string> {
  const dataDir = await tempDir('aim-build-child-');
  const folder = join(dataDir, 'wiki/default/demo/notes');
  await mkdir(folder, { recursive: true });
  for (let i = 0; i < count; i += 1) {
    await writeFile(join(folder, `page-${i}.md`), `---\ntitle: Page ${i}\ntags: [t${i}]\n---\n# Page ${i}\n\nword${i} about quokkas. See [[page-${(i + 1) % count}]].\n`);
  }
  return dataDir;
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (message: string) => void lines.push(message);
  return { lines, info: push, warn: push, error: push };
}

async function open(dataDir: string, logger: Logger, indexDir?: string) {
  const store = await openWikiStore(dataDir);
  const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: indexDir ?? store.layout.index, logger, persistDelayMs: 60_000, buildInChildFrom: 0 });
  return { store, index };
}

describe('full index build in a child process', () => {
  it('builds every page in the child, serves the database it wrote, and starts warm from it next time', async () => {
    const dataDir = await wikiWithPages(30);
    const logger = recordingLogger();
    const { store, index } = await open(dataDir, logger);
    assert.equal(index.status().start, 'cold');
    assert.equal(index.pageCount, 30);
    assert.equal(index.fullText.match('"word17"', null, 5).length, 1);
    assert.deepEqual(index.backlinks('default/demo/notes/page-1.md').map((l) => l.from), ['default/demo/notes/page-0.md']);
    // The child wrote the database and catalog, and this process serves that very file.
    const persisted = await openPersisted(store.layout.index, SCHEMA_VERSION);
    assert.ok(persisted.ok);
    assert.equal(index.databaseFile, persisted.database);
    assert.ok(index.status().persisted_at, 'the index the child saved counts as persisted');
    assert.ok(logger.lines.some((line) => /built 30 pages/.test(line)), `the child's log reaches the server log: ${logger.lines.join(' | ')}`);
    // Nobody committed these files: the child found them, so the server commits them after start.
    assert.deepEqual([...((await index.uncommittedAtStart) ?? [])].sort(), Array.from({ length: 30 }, (_, i) => `default/demo/notes/page-${i}.md`).sort());

    // A page written after the build gets an id the build never used.
    await writeFile(join(store.layout.wiki, 'default/demo/notes/new.md'), '# New\n\nfreshword here.\n');
    await index.apply(['default/demo/notes/new.md']);
    assert.equal(index.fullText.match('"freshword"', null, 5).length, 1);
    assert.equal(index.fullText.match('"word3"', null, 5).length, 1);
    await index.close();
    // The build's larger FTS5 hash (fts-build-worker.ts) is not left in the served tables' config.
    const db = openSqlDatabase(persisted.database, { mustExist: true });
    for (const table of ['pages_fts', 'vocab_fts']) {
      const sizes = db.all<{ v: number }>(`SELECT v FROM ${table}_config WHERE k = 'hashsize'`);
      assert.ok(sizes.every((row) => row.v === 1024 * 1024), `${table} hashsize ${JSON.stringify(sizes)}`);
    }
    db.close();

    const again = await open(dataDir, recordingLogger());
    assert.equal(again.index.status().start, 'warm');
    assert.equal(again.index.pageCount, 31);
    await again.index.close();
  });

  it('rebuilds (reindex) through the child and keeps serving the same answers', async () => {
    const dataDir = await wikiWithPages(12);
    const { index } = await open(dataDir, recordingLogger());
    const before = index.fullText.match('"quokkas"', null, 50).length;
    const revision = index.revision;
    const result = await index.rebuild();
    assert.equal(result.pages, 12);
    assert.ok(index.revision > revision, 'a rebuild is a new revision for waiters');
    assert.equal(index.fullText.match('"quokkas"', null, 50).length, before);
    await index.close();
  });

  it('answers every query in full while a reindex swaps the index in, and after it', async () => {
    const dataDir = await wikiWithPages(40);
    const { index } = await open(dataDir, recordingLogger());
    const snapshot = () => ({
      pages: index.pageCount,
      text: index.fullText.match('"quokkas"', null, 100).length,
      page: index.page('default/demo/notes/page-7.md')?.title,
      byId: index.fullText.match('"word7"', null, 5).map((hit) => index.pageById(hit.id)?.rel),
      backlinks: index.backlinks('default/demo/notes/page-8.md').map((link) => link.from),
      titles: index.matchTitles('Page 9', null, 3).length > 0,
    });
    const expected = snapshot();
    assert.equal(expected.pages, 40);
    assert.deepEqual(expected.byId, ['default/demo/notes/page-7.md']);
    assert.deepEqual(expected.backlinks, ['default/demo/notes/page-7.md']);
    // Queries as the server answers them: between every turn of the event loop until the swap.
    let rebuilding = true;
    const seen: Array<ReturnType<typeof snapshot>> = [];
    const polling = (async () => {
      while (rebuilding) {
        seen.push(snapshot());
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await index.rebuild();
    rebuilding = false;
    await polling;
    seen.push(snapshot());
    assert.ok(seen.length > 2, `queried ${seen.length} times during the rebuild`);
    for (const answer of seen) assert.deepEqual(answer, expected);
    await index.close();
  });

  it('walks the git history for a reindex in the child (the packfile stays out of the server) and serves it', async () => {
    const dataDir = await wikiWithPages(8);
    const { store, index } = await open(dataDir, recordingLogger());
    const oid = await store.git.commit(['default/demo/notes/page-1.md', 'default/demo/notes/page-2.md'], 'first commit');
    await writeFile(join(store.layout.wiki, 'default/demo/notes/page-1.md'), '# Page 1\n\nedited in a second commit.\n');
    const second = await store.git.commit(['default/demo/notes/page-1.md'], 'edit page 1');
    assert.ok(oid && second);
    const commitsSince = store.git.commitsSince.bind(store.git);
    let walkedHere = 0;
    store.git.commitsSince = (...args) => {
      walkedHere += 1;
      return commitsSince(...args);
    };
    const result = await index.rebuild(undefined, { history: true });
    assert.equal(result.pages, 8);
    assert.equal(walkedHere, 0, 'the server walked the history itself');
    assert.equal(index.history.knownHead, second);
    assert.deepEqual(index.history.entries('default/demo/notes/page-1.md').map((entry) => entry.message), ['edit page 1', 'first commit']);
    assert.deepEqual(index.history.entries('default/demo/notes/page-2.md').map((entry) => entry.commit), [oid]);
    assert.equal((await loadHistory(store.layout.index))?.head, second, 'saved for the next start');
    await index.close();
  });

  it('keeps serving the old index when a reindex cannot build a new one', async () => {
    const dataDir = await wikiWithPages(6);
    const logger = recordingLogger();
    const { store, index } = await open(dataDir, logger);
    // The child cannot start (see below) and the fallback build in this process finds the
    // wiki unreadable: the rebuild fails as a whole.
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${saved ?? ''} --require ${join(dataDir, 'missing-preload.cjs')}`;
    const scan = store.files.scan.bind(store.files);
    let scans = 0;
    store.files.scan = async (...args) => {
      scans += 1;
      if (scans > 1) throw new Error('wiki unreadable');
      return scan(...args);
    };
    try {
      await assert.rejects(index.rebuild(), /wiki unreadable/);
    } finally {
      store.files.scan = scan;
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
    assert.ok(logger.lines.some((line) => /index build process failed/.test(line)), logger.lines.join(' | '));
    assert.equal(index.pageCount, 6);
    assert.equal(index.fullText.match('"word4"', null, 5).length, 1);
    assert.equal(index.backlinks('default/demo/notes/page-5.md').length, 1);
    assert.equal(index.matchTitles('Page 3', null, 3)[0]?.rel, 'default/demo/notes/page-3.md');
    await index.close();
  });

  it('falls back to building in the server process when the child fails, and says why', async () => {
    const dataDir = await wikiWithPages(5);
    const logger = recordingLogger();
    // A child that cannot start (as when Node refuses its options); the server's own worker
    // threads do not read NODE_OPTIONS.
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${saved ?? ''} --require ${join(dataDir, 'missing-preload.cjs')}`;
    let opened;
    try {
      opened = await open(dataDir, logger);
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
    const { store, index } = opened;
    assert.equal(index.pageCount, 5);
    assert.equal(index.fullText.match('"word4"', null, 5).length, 1);
    assert.ok(logger.lines.some((line) => /index build process failed: .*building in the server process instead/.test(line)), logger.lines.join(' | '));
    // Built into a file all the same, and saved: the next start is warm.
    await index.close();
    assert.ok((await openPersisted(store.layout.index, SCHEMA_VERSION)).ok);
    const again = await open(dataDir, recordingLogger());
    assert.equal(again.index.status().start, 'warm');
    assert.equal(again.index.fullText.match('"word4"', null, 5).length, 1);
    await again.index.close();
  });

  it('serves an index held in memory when the index directory cannot be written, and says so', async () => {
    const dataDir = await wikiWithPages(5);
    // An index "directory" below a file: nothing can be created there.
    const blocked = join(dataDir, 'not-a-dir');
    await writeFile(blocked, 'x');
    const logger = recordingLogger();
    const { index } = await open(dataDir, logger, join(blocked, 'index'));
    assert.equal(index.pageCount, 5);
    assert.equal(index.fullText.match('"word4"', null, 5).length, 1);
    assert.equal(index.databaseFile, null);
    assert.ok(logger.lines.some((line) => /cannot write .*held in memory and rebuilt at every start/.test(line)), logger.lines.join(' | '));
    await index.close();
  });
});

describe('a large burst of external changes', () => {
  it('is applied by a rebuild in the child and reports every changed file, including one edited outside the burst', async () => {
    const dataDir = await wikiWithPages(10);
    const logger = recordingLogger();
    const store = await openWikiStore(dataDir);
    const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: store.layout.index, logger, persistDelayMs: 60_000, buildInChildFrom: 0, burstRebuildFrom: 5 });
    const notes = join(store.layout.wiki, 'default/demo/notes');
    const burst: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      await writeFile(join(notes, `pulled-${i}.md`), `# Pulled ${i}\n\npulledword${i} arrived with a git pull.\n`);
      burst.push(`default/demo/notes/pulled-${i}.md`);
    }
    await writeFile(join(notes, 'page-2.md'), '# Page 2\n\nrewritten with editedword.\n');
    burst.push('default/demo/notes/page-2.md');
    // Edited meanwhile but not (yet) named by any event: must still be reported for its commit.
    await writeFile(join(notes, 'page-3.md'), '# Page 3\n\nsneakyword edited during the build.\n');
    const result = await index.apply(burst);
    assert.ok(logger.lines.some((line) => /7 files changed at once; rebuilding/.test(line)), logger.lines.join(' | '));
    assert.deepEqual([...result.updated].sort(), [...burst, 'default/demo/notes/page-3.md'].sort());
    assert.deepEqual(result.removed, []);
    assert.equal(index.pageCount, 16);
    for (const word of ['pulledword5', 'editedword', 'sneakyword']) assert.equal(index.fullText.match(`"${word}"`, null, 5).length, 1, word);
    assert.equal(index.fullText.match('"word2"', null, 5).length, 0, 'the old text of page-2 is gone');
    await index.close();
  });
});
