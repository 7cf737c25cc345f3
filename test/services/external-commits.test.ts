import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExternalCommitter } from '../../lib/services/external-commits.js';
import { openWikiStore } from '../../lib/store/wiki-store.js';
import { commitSubjects } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';

// After a crash the index lags git, so the restart offers files that are already committed:
// the log must say what the commit changed, as its message does.
test('an external-edit commit logs the number of files it changed, not of files offered', async () => {
  const dataDir = await tempDir('aim-external-');
  const store = await openWikiStore(dataDir);
  const notes = join(store.layout.wiki, 'default/demo/notes');
  await mkdir(notes, { recursive: true });
  await writeFile(join(notes, 'a.md'), 'first\n');
  await writeFile(join(notes, 'b.md'), 'second\n');
  const lines: string[] = [];
  const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
  const committer = new ExternalCommitter(store, 10, logger);
  committer.schedule(['default/demo/notes/a.md', 'default/demo/notes/b.md']);
  await committer.flush();
  await writeFile(join(notes, 'b.md'), 'second, edited\n');
  committer.schedule(['default/demo/notes/a.md', 'default/demo/notes/b.md']);
  await committer.flush();
  assert.deepEqual(lines, ['committed external edit of 2 file(s)', 'committed external edit of 1 file(s)']);
  assert.equal(commitSubjects(store.layout.wiki)[0], 'External edit: default/demo/notes/b.md');
  await store.writer.drain();
});
