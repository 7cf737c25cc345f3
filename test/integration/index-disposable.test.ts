import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { MemoryClient } from '../../lib/client/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const QUERIES = ['postgres', 'cache invalidation', 'deploy friday', 'jsonb', 'flaky test retries'];

async function seed(server: TestServer): Promise<void> {
  const pages = [
    ['decisions/0001-db.md', '# Standardised on Postgres\n\nPostgres with JSONB columns; see [[cache]].'],
    ['notes/cache.md', '# Cache\n\nCache invalidation happens on write; Redis in front of Postgres.'],
    ['rules/no-friday-deploys.md', '# No deploys on Friday\n\nWe never deploy on a Friday afternoon.'],
    ['gotchas/flaky.md', '# Flaky tests\n\nRetries hide flaky tests; fix the race instead.'],
    ['sessions/s1.md', '# Session about postgres\n\nTalked about postgres and cache.'],
  ];
  for (const [path, body] of pages) await server.client.writePage({ project: 'demo', path: path!, body: body! });
  await server.client.writePage({ project: 'other', path: 'notes/postgres.md', body: '# Other postgres\n\nA different project.' });
}

async function answers(client: MemoryClient): Promise<string[][]> {
  const out: string[][] = [];
  for (const q of QUERIES) {
    const result = await client.search({ q, workspace: 'default', project: 'demo' });
    out.push(result.hits.map((h) => `${h.path}|${h.snippet}`));
  }
  const page = await client.readPage({ workspace: 'default', project: 'demo' }, 'notes/cache.md');
  out.push(page.backlinks.map((l) => l.path));
  return out;
}

describe('the derived index is disposable', () => {
  it('gives the same answers after index/ is deleted and the server restarts', async () => {
    const first = await startTestServer();
    await seed(first);
    const expected = await answers(first.client);
    assert.ok(expected[0]!.length >= 2);
    await first.stop();
    await rm(join(first.dataDir, 'index'), { recursive: true, force: true });
    const second = await first.restart();
    assert.equal((await second.client.status()).index.start, 'cold');
    assert.deepEqual(await answers(second.client), expected);
  });

  it('starts warm from a persisted index that matches the files, re-parsing nothing', async () => {
    const first = await startTestServer();
    await seed(first);
    const expected = await answers(first.client);
    const second = await first.restart();
    const status = await second.client.status();
    assert.equal(status.index.start, 'warm');
    assert.deepEqual(second.running.index.startupChanges, []);
    assert.equal(status.index.pages, 6);
    assert.deepEqual(await answers(second.client), expected);
  });

  it('detects a corrupt index file and rebuilds it', async () => {
    const first = await startTestServer();
    await seed(first);
    const expected = await answers(first.client);
    await first.stop();
    const meta = JSON.parse(await readFile(join(first.dataDir, 'index', 'pages.meta.json'), 'utf8')) as { database: string };
    const image = join(first.dataDir, 'index', meta.database);
    const bytes = await readFile(image);
    bytes.fill(0x41, 100, 4000); // garble a page of the database, keep the size
    await writeFile(image, bytes);
    const second = await first.restart();
    assert.equal((await second.client.status()).index.start, 'cold');
    assert.deepEqual(await answers(second.client), expected);
  });

  it('catches up at a warm start with files changed while the server was stopped', async () => {
    const first = await startTestServer();
    await seed(first);
    await first.stop();
    await writeFile(join(first.wikiDir, 'default/demo/notes/offline.md'), '# Offline edit\n\nWritten with zanzibar while the server was down.\n');
    await rm(join(first.wikiDir, 'default/demo/gotchas/flaky.md'));
    const second = await first.restart();
    assert.equal((await second.client.status()).index.start, 'warm');
    const found = await second.client.search({ q: 'zanzibar', workspace: 'default', project: 'demo' });
    assert.equal(found.hits[0]?.path, 'notes/offline.md');
    const gone = await second.client.search({ q: 'flaky', workspace: 'default', project: 'demo' });
    assert.equal(gone.hits.length, 0);
    assert.deepEqual([...second.running.index.startupChanges!].sort(), ['default/demo/gotchas/flaky.md', 'default/demo/notes/offline.md']);
  });
});
