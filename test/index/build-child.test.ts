import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Logger } from '../../lib/core/logger.js';
import { SCHEMA_VERSION } from '../../lib/index/fts-store.js';
import { MemoryIndex } from '../../lib/index/memory-index.js';
import { openImage } from '../../lib/index/persist.js';
import { openWikiStore } from '../../lib/store/wiki-store.js';
import { tempDir } from '../helpers/temp.js';

/**
 * A full index build runs in a child process that writes the index image; the server loads that
 * image. These tests force the child for a small wiki (`buildInChildFrom: 0`).
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
  it('builds every page in the child, serves the image it wrote, and starts warm from it next time', async () => {
    const dataDir = await wikiWithPages(30);
    const logger = recordingLogger();
    const { store, index } = await open(dataDir, logger);
    assert.equal(index.status().start, 'cold');
    assert.equal(index.pageCount, 30);
    assert.equal(index.fullText.match('"word17"', null, 5).length, 1);
    assert.deepEqual(index.backlinks('default/demo/notes/page-1.md').map((l) => l.from), ['default/demo/notes/page-0.md']);
    // The child wrote the image; nothing was exported by this process.
    const image = await openImage(store.layout.index, SCHEMA_VERSION);
    assert.equal(image.ok, true);
    assert.ok(index.status().persisted_at, 'the loaded image counts as persisted');
    assert.ok(logger.lines.some((line) => /built 30 pages/.test(line)), `the child's log reaches the server log: ${logger.lines.join(' | ')}`);
    // Nobody committed these files: the child found them, so the server commits them after start.
    assert.deepEqual([...((await index.uncommittedAtStart) ?? [])].sort(), Array.from({ length: 30 }, (_, i) => `default/demo/notes/page-${i}.md`).sort());

    // A page written after the build gets an id the image never used.
    await writeFile(join(store.layout.wiki, 'default/demo/notes/new.md'), '# New\n\nfreshword here.\n');
    await index.apply(['default/demo/notes/new.md']);
    assert.equal(index.fullText.match('"freshword"', null, 5).length, 1);
    assert.equal(index.fullText.match('"word3"', null, 5).length, 1);
    await index.close();

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

  it('falls back to building in the server process when the child fails, and says why', async () => {
    const dataDir = await wikiWithPages(5);
    // An index "directory" that is a file: the child cannot write its image there.
    const blocked = join(dataDir, 'not-a-dir');
    await writeFile(blocked, 'x');
    const logger = recordingLogger();
    const { index } = await open(dataDir, logger, join(blocked, 'index'));
    assert.equal(index.pageCount, 5);
    assert.equal(index.fullText.match('"word4"', null, 5).length, 1);
    assert.ok(logger.lines.some((line) => /index build process failed: .*building in the server process instead/.test(line)), logger.lines.join(' | '));
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
