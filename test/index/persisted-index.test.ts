import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Logger } from '../../lib/core/logger.js';
import { SCHEMA_VERSION } from '../../lib/index/fts-store.js';
import { MemoryIndex } from '../../lib/index/memory-index.js';
import { openPersisted } from '../../lib/index/persist.js';
import { openWikiStore } from '../../lib/store/wiki-store.js';
import { tempDir } from '../helpers/temp.js';

/**
 * The FTS database is a file written as pages change; its catalog is saved now and then. These
 * tests build in the server process (no child) to stay fast; build-child.test.ts covers the child.
 */
async function wiki(count: number, filler = ''): Promise<{ dataDir: string; notes: string }> {
  const dataDir = await tempDir('aim-persisted-');
  const notes = join(dataDir, 'wiki/default/demo/notes');
  await mkdir(notes, { recursive: true });
  for (let i = 0; i < count; i += 1) await writeFile(join(notes, `page-${i}.md`), `# Page ${i}\n\nword${i} about wombats.\n${filler}`);
  return { dataDir, notes };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (message: string) => void lines.push(message);
  return { lines, info: push, warn: push, error: push };
}

async function open(dataDir: string, logger: Logger = recordingLogger()) {
  const store = await openWikiStore(dataDir);
  const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: store.layout.index, logger, persistDelayMs: 60_000, buildInChildFrom: Number.MAX_SAFE_INTEGER });
  return { store, index };
}

/** What a killed server leaves: the database closed where it stood, no catalog saved. */
const killed = (index: MemoryIndex) => (index as unknown as { state: { fullText: { close(): void } } }).state.fullText.close();

const hits = (index: MemoryIndex, word: string) => index.fullText.match(`"${word}"`, null, 100).length;

describe('the persisted index', () => {
  it('after a server was killed with pages its catalog never saw, starts warm and answers as if rebuilt', async () => {
    const { dataDir, notes } = await wiki(6);
    const first = await open(dataDir);
    await first.index.persist();
    // Written after the last save: the database file has them, the saved catalog does not.
    await writeFile(join(notes, 'kept.md'), '# Kept\n\nkeptword stays on disk.\n');
    await writeFile(join(notes, 'gone.md'), '# Gone\n\ngoneword is deleted while the server is down.\n');
    await writeFile(join(notes, 'page-1.md'), '# Page 1\n\nrewrittenword replaces the old text.\n');
    await first.index.apply(['default/demo/notes/kept.md', 'default/demo/notes/gone.md', 'default/demo/notes/page-1.md']);
    assert.equal(hits(first.index, 'goneword'), 1);
    // Killed: no catalog save; the engine's lock directory stays behind as a dead process leaves it.
    const database = first.index.databaseFile!;
    killed(first.index);
    await mkdir(`${database}.lock`);
    await rm(join(notes, 'gone.md'));

    const logger = recordingLogger();
    const second = await open(dataDir, logger);
    assert.equal(second.index.status().start, 'warm');
    assert.ok(logger.lines.some((line) => /did not save its catalog; dropped 2 pages/.test(line)), logger.lines.join(' | '));
    assert.equal(hits(second.index, 'goneword'), 0, 'no row of a page the catalog never knew survives');
    assert.equal(hits(second.index, 'keptword'), 1);
    assert.equal(hits(second.index, 'rewrittenword'), 1);
    assert.equal(hits(second.index, 'word1'), 0, 'the old text of a page changed before the kill is gone');
    assert.equal(hits(second.index, 'wombats'), 5);
    assert.equal(second.index.pageCount, 7);
    await second.index.close();

    // Saved on close: the next start finds database and catalog in step.
    const third = await open(dataDir, logger);
    assert.equal(third.index.status().start, 'warm');
    assert.equal(hits(third.index, 'keptword'), 1);
    assert.equal(logger.lines.filter((line) => /did not save its catalog/.test(line)).length, 1);
    await third.index.close();
  });

  it('checks a database its server left without saving, and rebuilds one torn by a lost write', async () => {
    const { dataDir, notes } = await wiki(30, 'filler text for a database of several pages '.repeat(200));
    const first = await open(dataDir);
    await first.index.persist();
    await writeFile(join(notes, 'late.md'), '# Late\n\nlateword written just before the power went.\n');
    await first.index.apply(['default/demo/notes/late.md']);
    const database = first.index.databaseFile!;
    killed(first.index);
    // A page the operating system never wrote: garbage where a b-tree page of full-text data
    // should be (the middle of the file; the first pages hold the schema, found broken at open).
    const bytes = await readFile(database);
    const middle = Math.floor(bytes.length / 8192) * 4096;
    bytes.fill(0x41, middle, middle + 4096);
    await writeFile(database, bytes);

    const logger = recordingLogger();
    const second = await open(dataDir, logger);
    assert.equal(second.index.status().start, 'cold');
    assert.ok(logger.lines.some((line) => /persisted index is corrupt \(the database failed its integrity check/.test(line)), logger.lines.join(' | '));
    assert.equal(hits(second.index, 'lateword'), 1);
    assert.equal(hits(second.index, 'wombats'), 30);
    await second.index.close();
  });

  it('keeps one database and one catalog in index/: reindex and leftovers of a killed build are cleaned up', async () => {
    const { dataDir } = await wiki(4);
    const { store, index } = await open(dataDir);
    await index.persist();
    // What a build child killed halfway leaves: a database nobody names, its journal and lock.
    const leftover = join(store.layout.index, 'pages-killedbuild.sqlite');
    await writeFile(leftover, 'half a database');
    await writeFile(`${leftover}-journal`, '');
    await mkdir(`${leftover}.lock`);
    const before = (await openPersisted(store.layout.index, SCHEMA_VERSION)) as { ok: true; database: string };
    await index.rebuild();
    await index.persist();
    const after = await openPersisted(store.layout.index, SCHEMA_VERSION);
    assert.ok(after.ok);
    assert.notEqual(after.database, before.database, 'a rebuild writes a new file instead of the one being served');
    assert.equal(index.databaseFile, after.database);
    const files = (await readdir(store.layout.index)).filter((name) => /^(pages|catalog)/.test(name)).sort();
    assert.equal(files.filter((name) => name.endsWith('.sqlite')).length, 1, files.join(', '));
    assert.equal(files.filter((name) => /^catalog-.*\.json$/.test(name)).length, 1, files.join(', '));
    assert.ok(!files.some((name) => name.includes('killedbuild')), files.join(', '));
    assert.equal(hits(index, 'wombats'), 4);
    await index.close();
  });

  it('saves the commit history when only it moved, so the next start does not walk git again', async () => {
    const { dataDir } = await wiki(3);
    const first = await open(dataDir);
    await first.index.persist();
    // A commit and nothing else: no page changed, so no catalog save is due.
    assert.ok(await first.store.git.commit(['default/demo/notes/page-0.md'], 'a commit made while serving'));
    await first.index.history.update();
    const head = first.index.history.knownHead;
    assert.ok(head);
    await first.index.close();
    const saved = JSON.parse(await readFile(join(first.store.layout.index, 'history.json'), 'utf8')) as { head: string };
    assert.equal(saved.head, head);

    const second = await open(dataDir);
    assert.equal(second.index.status().start, 'warm');
    // Not read before listening (nothing a search needs): read at the first history question.
    assert.equal(second.index.status().history_ready, false);
    // The saved history is the answer: the walk from it adds nothing, and no packfile is read.
    assert.equal(await second.index.history.update(), false);
    assert.equal(second.index.history.knownHead, head);
    assert.deepEqual(second.index.history.entries('default/demo/notes/page-0.md').map((entry) => entry.message)[0], 'a commit made while serving');
    await second.index.close();
  });

  it('keeps the saved history when the server stops without reading it, and reads it when saving a change', async () => {
    const { dataDir } = await wiki(3);
    const first = await open(dataDir);
    await first.index.history.update();
    const head = first.index.history.knownHead;
    assert.ok(head);
    await first.index.close();
    const historyFile = join(first.store.layout.index, 'history.json');
    const saved = await readFile(historyFile, 'utf8');

    // Started and stopped with no history question: the file is left as it was, not emptied.
    const second = await open(dataDir);
    await second.index.close();
    assert.equal(await readFile(historyFile, 'utf8'), saved);

    // A commit while serving: the first question reads the saved history and walks on from it
    // (one commit added), and the stop saves both.
    const third = await open(dataDir);
    assert.ok(await third.store.git.commit(['default/demo/notes/page-1.md'], 'a later commit'));
    assert.equal(await third.index.history.update(), true);
    await third.index.close();
    const after = JSON.parse(await readFile(historyFile, 'utf8')) as { head: string; commits: Record<string, unknown> };
    assert.notEqual(after.head, head);
    assert.ok(head in after.commits, 'the commits of the saved history are kept');
    assert.equal(Object.keys(after.commits).length, Object.keys((JSON.parse(saved) as { commits: object }).commits).length + 1);
  });
});
