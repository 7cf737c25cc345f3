import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import type { Logger } from '../../lib/core/logger.js';
import { MemoryIndex } from '../../lib/index/memory-index.js';
import type { WikiFiles } from '../../lib/store/wiki-files.js';
import { openWikiStore } from '../../lib/store/wiki-store.js';
import { tempDir } from '../helpers/temp.js';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

async function wiki(): Promise<{ dataDir: string; notes: string }> {
  const dataDir = await tempDir('aim-warm-scan-');
  const notes = join(dataDir, 'wiki/default/demo/notes');
  await mkdir(notes, { recursive: true });
  for (let i = 0; i < 8; i += 1) await writeFile(join(notes, `page-${i}.md`), `# Page ${i}\n\nword${i} about wombats, see [[page-${(i + 1) % 8}]].\n`);
  return { dataDir, notes };
}

async function open(dataDir: string, options: { logger?: Logger; burstRebuildFrom?: number; scanOffThreadFrom?: number } = {}) {
  const store = await openWikiStore(dataDir);
  // Which scans ran on a worker thread, as the index asked for them.
  const scans: Array<{ under: string | undefined; offThread: boolean }> = [];
  const files: WikiFiles = { ...store.files, scan: (under, scanOptions) => (scans.push({ under, offThread: scanOptions?.offThread === true }), store.files.scan(under, scanOptions)) };
  const index = await MemoryIndex.open({ files, git: store.git, indexDir: store.layout.index, logger: options.logger ?? quiet, persistDelayMs: 60_000, buildInChildFrom: Number.MAX_SAFE_INTEGER, burstRebuildFrom: options.burstRebuildFrom, scanOffThreadFrom: options.scanOffThreadFrom });
  return { index, scans };
}

function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const note = (message: string) => void lines.push(message);
  return { logger: { info: note, warn: note, error: note }, lines };
}

const hits = (index: MemoryIndex, word: string) => index.fullText.match(`"${word}"`, null, 100).map((hit) => index.pageById(hit.id)?.rel).sort();

describe('a warm start catches up with edits made while no server ran', () => {
  it('finds an edit (same size), an add, a delete and a rename', async () => {
    const { dataDir, notes } = await wiki();
    const first = await open(dataDir);
    await first.index.close();
    // Same size as before, so only the times tell the edit apart.
    await writeFile(join(notes, 'page-1.md'), '# Page 1\n\nzanzibar about wombats, see [[page-2]].\n');
    await writeFile(join(notes, 'added.md'), '# Added\n\nquokka arrived while the server was down.\n');
    await rm(join(notes, 'page-2.md'));
    await rename(join(notes, 'page-3.md'), join(notes, 'moved.md'));

    // However large the wiki, the start's own scan stays on this thread (it waits for it anyway).
    const second = await open(dataDir, { scanOffThreadFrom: 1 });
    assert.equal(second.index.status().start, 'warm');
    assert.deepEqual(second.scans, [{ under: '', offThread: false }]);
    assert.deepEqual([...second.index.startupChanges!].sort(), ['default/demo/notes/added.md', 'default/demo/notes/moved.md', 'default/demo/notes/page-1.md', 'default/demo/notes/page-2.md', 'default/demo/notes/page-3.md']);
    assert.deepEqual(hits(second.index, 'zanzibar'), ['default/demo/notes/page-1.md']);
    assert.deepEqual(hits(second.index, 'word1'), []);
    assert.deepEqual(hits(second.index, 'quokka'), ['default/demo/notes/added.md']);
    assert.deepEqual(hits(second.index, 'word2'), []);
    assert.deepEqual(hits(second.index, 'word3'), ['default/demo/notes/moved.md']);
    assert.equal(second.index.pageCount, 8);
    // The link graph followed: page-0 links to page-1, whose own link now points at a page that is gone.
    assert.deepEqual(second.index.backlinks('default/demo/notes/page-1.md').map((link) => link.from), ['default/demo/notes/page-0.md']);
    assert.deepEqual(second.index.links('default/demo/notes/page-1.md').map((link) => link.to), [null]);
    await second.index.close();
  });

  it('starts warm from a catalog saved in the previous format (v3), with the same answers', async () => {
    const { dataDir } = await wiki();
    const first = await open(dataDir);
    const expected = first.index.backlinks('default/demo/notes/page-4.md').map((link) => link.from);
    await first.index.close();
    const indexDir = join(dataDir, 'index');
    const meta = JSON.parse(await readFile(join(indexDir, 'pages.meta.json'), 'utf8')) as { catalog: { file: string; bytes: number; crc32: number } };
    const [header, ...lines] = (await readFile(join(indexDir, meta.catalog.file), 'utf8')).trimEnd().split('\n');
    const v3Line = (line: string) => {
      const [, page, labels] = JSON.parse(line) as [number[], object, string?];
      return JSON.stringify(labels === undefined ? page : { ...page, labels: JSON.parse(labels) as unknown });
    };
    const v3 = Buffer.from(`${[header!.replace('{"catalog":4,', '{"catalog":3,'), ...lines.map(v3Line)].join('\n')}\n`);
    await writeFile(join(indexDir, meta.catalog.file), v3);
    await writeFile(join(indexDir, 'pages.meta.json'), JSON.stringify({ ...meta, catalog: { ...meta.catalog, bytes: v3.byteLength, crc32: crc32(v3) } }));

    const second = await open(dataDir);
    assert.equal(second.index.status().start, 'warm');
    assert.deepEqual(second.index.startupChanges, []);
    assert.deepEqual(second.index.backlinks('default/demo/notes/page-4.md').map((link) => link.from), expected);
    assert.deepEqual(expected, ['default/demo/notes/page-3.md']);
    await second.index.close();
  });

  it('starts warm from a copy of the data dir that kept times (cp -a), re-indexing only what really changed', async () => {
    const { dataDir } = await wiki();
    const first = await open(dataDir);
    await first.index.close();
    // A copy gives every file a new inode change time: all 8 pages look stale, a burst (from 2 files here).
    const copy = `${dataDir}-copy`;
    execFileSync('cp', ['-a', dataDir, copy]);
    // One page edited in the copy with its size and modification time put back: only its content tells.
    const edited = join(copy, 'wiki/default/demo/notes/page-5.md');
    const before = await stat(edited);
    await writeFile(edited, '# Page 5\n\notter about wombats, see [[page-6]].\n');
    assert.equal((await stat(edited)).size, before.size);
    await utimes(edited, before.atime, before.mtime);

    const log = recordingLogger();
    const second = await open(copy, { logger: log.logger, burstRebuildFrom: 2 });
    assert.equal(second.index.status().start, 'warm');
    assert.deepEqual(second.index.startupChanges, ['default/demo/notes/page-5.md']);
    assert.ok(!log.lines.some((line) => line.includes('rebuilding')), log.lines.join('\n'));
    assert.ok(log.lines.some((line) => line.includes('7 files have new change times but the content indexed')), log.lines.join('\n'));
    assert.deepEqual(hits(second.index, 'otter'), ['default/demo/notes/page-5.md']);
    assert.deepEqual(hits(second.index, 'word5'), []);
    assert.deepEqual(hits(second.index, 'word4'), ['default/demo/notes/page-4.md']);
    assert.deepEqual(second.index.backlinks('default/demo/notes/page-5.md').map((link) => link.from), ['default/demo/notes/page-4.md']);
    await second.index.close();

    // The new times were saved: the next start reads nothing again.
    const again = recordingLogger();
    const third = await open(copy, { logger: again.logger, burstRebuildFrom: 2 });
    assert.equal(third.index.status().start, 'warm');
    assert.deepEqual(third.index.startupChanges, []);
    assert.ok(!again.lines.some((line) => line.includes('change times') || line.includes('rebuilding')), again.lines.join('\n'));
    await third.index.close();
  });

  it('a later reconcile of a large wiki walks the files on a worker thread (two cores or more) and applies what changed', async () => {
    const { dataDir, notes } = await wiki();
    const { index, scans } = await open(dataDir, { scanOffThreadFrom: 5 });
    await writeFile(join(notes, 'page-5.md'), '# Page 5\n\nnarwhal edited behind the server.\n');
    await rm(join(notes, 'page-6.md'));
    const result = await index.reconcile();
    assert.deepEqual(scans.at(-1), { under: '', offThread: availableParallelism() > 1 });
    assert.deepEqual([...result.updated, ...result.removed].sort(), ['default/demo/notes/page-5.md', 'default/demo/notes/page-6.md']);
    assert.deepEqual(hits(index, 'narwhal'), ['default/demo/notes/page-5.md']);
    // Below the size, the walk stays here.
    const small = await open((await wiki()).dataDir, { scanOffThreadFrom: 9 });
    await small.index.reconcile();
    assert.deepEqual(small.scans.at(-1), { under: '', offThread: false });
    await index.close();
    await small.index.close();
  });
});
