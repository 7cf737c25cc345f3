import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packScan, unpackScan } from '../../lib/store/packed-scan.js';
import { scanInWorker, scanTreeOffThread } from '../../lib/store/scan-off-thread.js';
import { scanTree } from '../../lib/store/scan-tree.js';
import { tempDir } from '../helpers/temp.js';

const byRel = <T extends { rel: string }>(files: T[]) => [...files].sort((a, b) => (a.rel < b.rel ? -1 : 1));

/** A wiki with what a scan must skip or keep: hidden folders, symlinks, other files, odd names. */
async function wiki(): Promise<string> {
  const root = await tempDir('aim-scan-thread-');
  await mkdir(join(root, 'default/demo/notes/deep'), { recursive: true });
  await mkdir(join(root, 'default/demo/.obsidian'), { recursive: true });
  await writeFile(join(root, 'default/demo/notes/a.md'), '# A\n');
  await writeFile(join(root, 'default/demo/notes/deep/b.md'), '# B, longer\n\nbody\n');
  // A newline and non-ASCII in a file name: the packed form must not split or mangle it.
  await writeFile(join(root, 'default/demo/notes/two\nlines é.md'), '# Odd\n');
  await writeFile(join(root, 'default/demo/notes/picture.png'), 'not markdown');
  await writeFile(join(root, 'default/demo/.obsidian/hidden.md'), '# Hidden\n');
  await symlink(join(root, 'default/demo/notes/a.md'), join(root, 'default/demo/notes/link.md'));
  return root;
}

describe('scanning the wiki on a worker thread', () => {
  it('finds the same files with the same sizes and times as the scan on this thread', async () => {
    const root = await wiki();
    const here = scanTree(root);
    assert.deepEqual(byRel(here).map((file) => file.rel), ['default/demo/notes/a.md', 'default/demo/notes/deep/b.md', 'default/demo/notes/two\nlines é.md']);
    // The worker itself (no fallback to a walk here), and through the fallback wrapper.
    assert.deepEqual(byRel(await scanInWorker(root)), byRel(here));
    assert.deepEqual(byRel(await scanInWorker(root, 'default/demo/notes/deep')), byRel(scanTree(root, 'default/demo/notes/deep')));
    assert.deepEqual(byRel(await scanTreeOffThread(root)), byRel(here));
  });

  it('answers an empty list for a folder that does not exist, as the scan here does', async () => {
    const root = await wiki();
    assert.deepEqual(await scanInWorker(root, 'default/nothing-here'), []);
    assert.deepEqual(await scanInWorker(join(root, 'missing-root')), []);
  });

  it('packs and unpacks files exactly, and refuses a packed scan whose parts disagree', () => {
    const files = [
      { rel: 'a/b.md', size: 12, mtimeMs: 1796520980617.1953, ctimeMs: 1796571297235.4966 },
      { rel: 'a/c\nd.md', size: 0, mtimeMs: 0, ctimeMs: 1 },
    ];
    assert.deepEqual(unpackScan(packScan(files)), files);
    assert.deepEqual(unpackScan(packScan([])), []);
    assert.throws(() => unpackScan({ rels: 'a/b.md', stats: new Float64Array(6) }), /1 paths and 2 stats/);
  });
});
