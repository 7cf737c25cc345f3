import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import type { PageResponse } from '../../lib/core/contract.js';
import { startTestServer } from '../helpers/server.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

it('a page read says which content the index holds, so a client can tell whether its edit is indexed', async () => {
  const server = await startTestServer({ watch: false });
  const first = await server.client.writePage({ project: 'demo', path: 'notes/a.md', body: '# A\n\nfirst\n' });
  const file = join(server.wikiDir, 'default/demo/notes/a.md');
  const read = async (rev?: string) => (await (await fetch(`${server.url}/api/v1/workspaces/default/projects/demo/pages/notes/a.md${rev ? `?rev=${rev}` : ''}`)).json()) as PageResponse;
  assert.equal((await read()).indexed_hash, sha1(readFileSync(file, 'utf8')));
  // Changed behind the server's back with no watcher: the file is read fresh, the index is behind.
  writeFileSync(file, '# A\n\nsecond\n');
  const stale = await read();
  assert.match(stale.body, /second/);
  assert.notEqual(stale.indexed_hash, sha1(readFileSync(file, 'utf8')));
  await server.client.reindex();
  assert.equal((await read()).indexed_hash, sha1(readFileSync(file, 'utf8')));
  assert.equal((await read(first.commit)).indexed_hash, undefined, 'an old version has no index state');
});
