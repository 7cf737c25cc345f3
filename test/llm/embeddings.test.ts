import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ServerConfig } from '../../lib/config/config.js';
import type { EmbedReport } from '../../lib/core/maintenance/reports.js';
import { runCli } from '../helpers/cli.js';
import { startFakeLlm } from '../helpers/fake-llm.js';
import { startTestServer } from '../helpers/server.js';

const app = { workspace: 'default', project: 'app' };

function embeddingProviders(baseUrl: string, model = 'text-embedding-3-small', refreshDelayMs = 0): Partial<ServerConfig> {
  return { providers: { consolidateOnSessionEnd: false, embeddings: { provider: 'openai', model, baseUrl, apiKey: 'sk-fake', timeoutMs: 5000, refreshDelayMs } } };
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('embeddings and the vector stream (local fake API)', () => {
  it('embed fills a disposable side index; queries then find pages full text misses; only changed pages are re-embedded', async () => {
    const fake = await startFakeLlm();
    const server = await startTestServer(embeddingProviders(`${fake.url}/v1`));
    await server.client.writePage({ ...app, path: 'decisions/db.md', title: 'Storage choice', body: 'We standardised on postgres for the main store.' });
    await server.client.writePage({ ...app, path: 'notes/cache.md', title: 'Caching', body: 'Redis holds the session cache.' });
    const search = async () => (await server.client.search({ q: 'postgresql', ...app })).hits.map((h) => h.path);
    assert.deepEqual(await search(), [], 'full text alone does not match postgresql to postgres');

    const env = { AI_MEMORY_SERVER_URL: server.url };
    const dry = JSON.parse((await runCli(['embed', '--dry-run', '--json'], { env })).stdout) as EmbedReport;
    assert.deepEqual([dry.embedded, dry.pages], [2, 2]);
    const before = fake.requests.length;
    const run = await runCli(['embed'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Embedded 2 of 2 pages with openai text-embedding-3-small \(0 unchanged, 0 removed, 13 dimensions\)\.\n$/);
    assert.equal(fake.requests.length, before + 1, 'one batch');
    assert.deepEqual(fake.requests.at(-1)!.body.model, 'text-embedding-3-small');
    assert.ok(existsSync(join(server.dataDir, 'index', 'vectors.json')));
    assert.deepEqual(await search(), ['decisions/db.md']);
    const similar = (await server.client.search({ q: 'postgresql', ...app })).hits[0]!;
    assert.deepEqual([similar.reason, similar.related_from], ['similar meaning', undefined], 'a vector match says so and is not a link neighbour');

    const again = await server.client.embed({});
    assert.deepEqual([again.embedded, again.unchanged], [0, 2]);
    await server.client.writePage({ ...app, path: 'notes/cache.md', title: 'Caching', body: 'Redis holds the session cache; postgres holds the rest.' });
    assert.equal((await server.client.embed({})).embedded, 1);

    // The provider failing at query time costs the vector stream, never the search.
    fake.queue.push({ status: 500, body: { error: { message: 'embedding backend down' } } });
    const degraded = await server.client.search({ q: 'redis cache', ...app });
    assert.equal(degraded.hits[0]?.path, 'notes/cache.md');

    // Derived and disposable: without the file, search works as before and embed restores it.
    await server.stop();
    await rm(join(server.dataDir, 'index', 'vectors.json'));
    const restarted = await server.restart();
    assert.deepEqual((await restarted.client.search({ q: 'postgresql', ...app })).hits, []);
    assert.equal((await restarted.client.embed({})).embedded, 2);
    assert.equal((await restarted.client.search({ q: 'postgresql', ...app })).hits[0]?.path, 'decisions/db.md');

    // Vectors of another model are never mixed in.
    const other = await restarted.restart(embeddingProviders(`${fake.url}/v1`, 'other-model'));
    assert.deepEqual((await other.client.search({ q: 'postgresql', ...app })).hits, []);
    assert.equal((await other.client.embed({})).embedded, 2);
  });

  it('once embed has run, new, changed and deleted pages reach the vector index without another embed', async () => {
    const fake = await startFakeLlm();
    const server = await startTestServer(embeddingProviders(`${fake.url}/v1`, 'text-embedding-3-small', 200));
    await server.client.writePage({ ...app, path: 'notes/cache.md', title: 'Caching', body: 'Redis holds the session cache.' });
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(fake.requests.length, 0, 'a configured provider alone sends nothing before the first embed');

    assert.equal((await server.client.embed({})).embedded, 1);
    await server.client.writePage({ ...app, path: 'decisions/db.md', title: 'Storage choice', body: 'We standardised on postgres for the main store.' });
    const found = await eventually(
      async () => (await server.client.search({ q: 'postgresql', ...app })).hits.map((h) => h.path),
      (paths) => paths.includes('decisions/db.md'),
    );
    assert.deepEqual(found, ['decisions/db.md'], 'found through its vector, which full text alone cannot do');
    const report = await server.client.embed({ dry_run: true });
    assert.deepEqual([report.embedded, report.unchanged], [0, 2], 'nothing left for a manual embed');

    await server.client.deletePage({ ...app, path: 'decisions/db.md' });
    const after = await eventually(() => server.client.embed({ dry_run: true }), (r) => r.pages === 1 && r.removed === 0);
    assert.deepEqual([after.pages, after.removed, after.embedded], [1, 0, 0], 'the deleted page lost its vector');
  });

  it('a provider failing during the automatic refresh loses nothing: the next change retries', async () => {
    const fake = await startFakeLlm();
    const server = await startTestServer(embeddingProviders(`${fake.url}/v1`, 'text-embedding-3-small', 200));
    await server.client.writePage({ ...app, path: 'notes/cache.md', title: 'Caching', body: 'Redis holds the session cache.' });
    await server.client.embed({});
    fake.queue.push({ status: 500, body: { error: { message: 'embedding backend down' } } });
    await server.client.writePage({ ...app, path: 'decisions/db.md', title: 'Storage choice', body: 'We standardised on postgres for the main store.' });
    await eventually(async () => fake.queue.length, (left) => left === 0);
    await server.client.writePage({ ...app, path: 'notes/other.md', title: 'Other', body: 'Something else entirely.' });
    const report = await eventually(() => server.client.embed({ dry_run: true }), (r) => r.embedded === 0);
    assert.deepEqual([report.pages, report.embedded], [3, 0], 'the page whose refresh failed was embedded with the next one');
  });

  it('embed without an embedding provider is a clear error', async () => {
    const server = await startTestServer();
    const result = await runCli(['embed'], { env: { AI_MEMORY_SERVER_URL: server.url } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no embedding provider is configured on the server \(set AI_MEMORY_EMBEDDING_PROVIDER/);
  });
});
