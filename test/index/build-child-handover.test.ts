import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { silentLogger } from '../../lib/core/logger.js';
import { DEFAULT_WORKSPACE, toSlug } from '../../lib/core/paths.js';
import { AFTER_DONE_NICE, yieldToServer } from '../../lib/index/build-in-child.js';
import { SCHEMA_VERSION } from '../../lib/index/fts-store.js';
import { buildIndex } from '../../lib/index/index-build.js';
import { MemoryIndex } from '../../lib/index/memory-index.js';
import { openPersisted } from '../../lib/index/persist.js';
import { createWikiFiles } from '../../lib/store/wiki-files.js';
import { openWikiStore } from '../../lib/store/wiki-store.js';
import { tempDir } from '../helpers/temp.js';

/**
 * What a cold start hands over from the build child to the server: the child encodes the catalog
 * while its full-text worker is still inserting, and after `done` gives the cores to the server.
 */
async function wiki(pages: number): Promise<string> {
  const dataDir = await tempDir('aim-handover-');
  const folder = join(dataDir, 'wiki/default/demo');
  await mkdir(join(folder, 'notes'), { recursive: true });
  await writeFile(join(folder, '_project.md'), '---\nname: Demo project\n---\n');
  for (let i = 0; i < pages; i += 1) {
    const links = `[[page-${(i + 1) % pages}]] and [label ${i}](page-${(i + 7) % pages}.md)`;
    await writeFile(join(folder, `notes/page-${i}.md`), `---\ntitle: Page ${i}\ntags: [t${i % 5}]\naliases: [alias ${i}]\n---\n# Page ${i}\n\nword${i} about quokkas, see ${links}.\n`);
  }
  return dataDir;
}

async function catalogOf(indexDir: string): Promise<Buffer> {
  const persisted = await openPersisted(indexDir, SCHEMA_VERSION);
  assert.ok(persisted.ok, 'an index was saved');
  return readFile(persisted.catalogFile);
}

describe('the cold build handover', () => {
  it('saves from the child the same catalog an in-process build saves, and serves the same answers', async () => {
    const dataDir = await wiki(60);
    const store = await openWikiStore(dataDir);
    const deps = { files: store.files, git: store.git, logger: silentLogger, persistDelayMs: 60_000 };
    const progress: Array<[number, number]> = [];
    const inChild = await MemoryIndex.open({ ...deps, indexDir: join(dataDir, 'index-child'), buildInChildFrom: 0 }, (done, total) => progress.push([done, total]));
    const here = await MemoryIndex.open({ ...deps, indexDir: join(dataDir, 'index-here'), buildInChildFrom: Number.POSITIVE_INFINITY });
    // Progress crosses the process boundary and ends at every file (60 pages and the manifest).
    assert.deepEqual(progress.at(-1), [61, 61]);
    const answers = (index: MemoryIndex) => ({
      pages: index.pageCount,
      text: index.fullText.match('"quokkas"', null, 100).map((hit) => index.pageById(hit.id)?.rel),
      backlinks: index.backlinks('default/demo/notes/page-7.md').map((link) => link.from),
      titles: index.matchTitles('alias 12', null, 3).map((hit) => hit.rel),
      project: index.projectManifest({ workspace: DEFAULT_WORKSPACE, project: toSlug('demo') })?.name,
    });
    const expected = answers(here);
    assert.equal(expected.pages, 60);
    assert.equal(expected.project, 'Demo project');
    assert.deepEqual(answers(inChild), expected);
    await here.close();
    await inChild.close();
    // Byte for byte: the catalog encoded while the worker inserted holds every page and manifest.
    assert.ok((await catalogOf(join(dataDir, 'index-child'))).equals(await catalogOf(join(dataDir, 'index-here'))));
  });

  it('hands the catalog over to be encoded only once it is complete', async () => {
    const dataDir = await wiki(25);
    const seen: Array<{ pages: number; manifests: number; files: number }> = [];
    const built = await buildIndex(createWikiFiles(join(dataDir, 'wiki')), silentLogger, null, undefined, ({ catalog, manifestFiles }) => {
      seen.push({ pages: catalog.size, manifests: catalog.allManifests().length, files: manifestFiles.size });
    });
    assert.deepEqual(seen, [{ pages: 25, manifests: 1, files: 1 }]);
    assert.equal(built.catalog.size, 25);
    built.fts.db.close();
  });

  it('lowers the priority of the child once the index is handed over', { skip: process.platform === 'win32' }, async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10_000)'], { stdio: 'ignore' });
    try {
      const server = getPriority();
      assert.equal(getPriority(child.pid!), server, 'starts at the server priority');
      yieldToServer(child.pid);
      assert.equal(getPriority(child.pid!), Math.min(19, server + AFTER_DONE_NICE));
      if (server < 19) assert.ok(getPriority(child.pid!) > server, 'a lower priority than the server');
    } finally {
      child.kill();
    }
  });
});
