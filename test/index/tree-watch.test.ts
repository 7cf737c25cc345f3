import assert from 'node:assert/strict';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { TreeWatch } from '../../lib/index/tree-watch.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

/** A TreeWatch over a fresh wiki folder, recording what it reports. */
async function watched(layout: Record<string, string>) {
  const root = await tempDir('aim-tree-watch-');
  for (const [rel, text] of Object.entries(layout)) {
    await mkdir(join(root, rel, '..'), { recursive: true });
    await writeFile(join(root, rel), text);
  }
  const seen = { files: new Set<string>(), added: new Set<string>(), removed: new Set<string>(), errors: [] as Error[] };
  const tree = new TreeWatch(root, {
    file: (rel) => seen.files.add(rel),
    dirAdded: (rel) => seen.added.add(rel),
    dirRemoved: (rel) => seen.removed.add(rel),
    rescan: () => undefined,
    error: (error) => seen.errors.push(error),
  });
  tree.start();
  return { root, tree, seen };
}

test('reports markdown files saved in any folder, one watch per folder and none per file', async () => {
  const w = await watched({ 'default/demo/notes/a.md': '# A', 'default/demo/notes/b.md': '# B', 'default/demo/.obsidian/x.json': '{}' });
  try {
    // root, default, default/demo, default/demo/notes; hidden folders are not watched.
    assert.equal(w.tree.folders, 4);
    await writeFile(join(w.root, 'default/demo/notes/a.md'), '# A again');
    // An editor's save: a hidden temp file renamed over the page.
    await writeFile(join(w.root, 'default/demo/notes/.b.md.swp'), '# B again');
    await rename(join(w.root, 'default/demo/notes/.b.md.swp'), join(w.root, 'default/demo/notes/b.md'));
    await writeFile(join(w.root, 'default/demo/notes/image.png'), 'not memory');
    await waitFor(() => w.seen.files.has('default/demo/notes/a.md') && w.seen.files.has('default/demo/notes/b.md'), 'both saves reported');
    await rm(join(w.root, 'default/demo/notes/a.md'));
    await writeFile(join(w.root, 'default/demo/notes/last.md'), '# Last');
    await waitFor(() => w.seen.files.has('default/demo/notes/last.md'), 'the last write reported');
    assert.deepEqual([...w.seen.files].sort(), ['default/demo/notes/a.md', 'default/demo/notes/b.md', 'default/demo/notes/last.md']);
    assert.deepEqual(w.seen.errors, []);
  } finally {
    w.tree.close();
  }
});

test('a folder moved in is watched and its pages reported; a folder removed is reported with everything under it', async () => {
  const w = await watched({ 'default/demo/notes/a.md': '# A', 'default/demo/old/deep/c.md': '# C' });
  const outside = await tempDir('aim-tree-watch-src-');
  try {
    await mkdir(join(outside, 'incoming/sub'), { recursive: true });
    await writeFile(join(outside, 'incoming/sub/new.md'), '# New');
    await rename(join(outside, 'incoming'), join(w.root, 'default/demo/incoming'));
    await waitFor(() => w.seen.files.has('default/demo/incoming/sub/new.md'), 'the moved-in page reported');
    assert.ok(w.seen.added.has('default/demo/incoming'));
    // Its folders are watched now: a page written there later is seen too.
    await writeFile(join(w.root, 'default/demo/incoming/sub/later.md'), '# Later');
    await waitFor(() => w.seen.files.has('default/demo/incoming/sub/later.md'), 'a page written in the new folder');

    const before = w.tree.folders;
    await rm(join(w.root, 'default/demo/old'), { recursive: true });
    await waitFor(() => w.seen.removed.has('default/demo/old'), 'the removed folder reported');
    assert.equal(w.tree.folders, before - 2);
    assert.deepEqual(w.seen.errors, []);
  } finally {
    w.tree.close();
  }
});
