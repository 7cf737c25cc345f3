import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { dataDirLayout, ensureDataDir } from '../../lib/store/data-dir.js';
import { tempDir } from '../helpers/temp.js';

// Captured prompts and tool output live in the data dir: other local users must not read them.
test('a new data dir is private to its owner; an existing one keeps its mode', async () => {
  const parent = await tempDir('aim-datadir-');
  const fresh = dataDirLayout(join(parent, 'nested/memory'));
  await ensureDataDir(fresh);
  assert.equal((await stat(fresh.root)).mode & 0o777, 0o700);
  assert.ok((await stat(fresh.raw)).isDirectory());

  const existing = join(parent, 'shared');
  await mkdir(existing, { mode: 0o750 });
  await ensureDataDir(dataDirLayout(existing));
  assert.equal((await stat(existing)).mode & 0o777, 0o750);
});
