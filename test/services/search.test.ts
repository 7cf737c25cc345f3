import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const demo = { workspace: 'default', project: 'demo' };

describe('search', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    const write = (project: string, path: string, body: string, extra: Record<string, unknown> = {}) =>
      server.client.writePage({ workspace: 'default', project, path, body, ...extra });
    await write('demo', 'sessions/2026-11-01.md', '# Retry policy\n\nWe talked about the retry policy for webhooks.');
    await write('demo', 'decisions/retry.md', '# Retry policy\n\nWe talked about the retry policy for webhooks.');
    await write('demo', 'decisions/old-queue.md', '# Queue choice\n\nUse RabbitMQ for the job queue.');
    await write('demo', 'decisions/new-queue.md', '# Queue choice, revised\n\nUse Redis streams for the job queue.', {
      supersedes: ['decisions/old-queue.md'],
    });
    await write('demo', 'notes/temporary.md', '# Temporary workaround\n\nPin libfoo to 1.2 until upstream fixes it.', {
      expires_at: '2020-01-01',
    });
    await write('demo', 'notes/hub.md', '# Deployment hub\n\nSee [[runbook]] for the zebra rollout.');
    await write('demo', 'procedures/runbook.md', '# Runbook\n\nSteps to roll out safely.');
    await write('other', 'decisions/retry.md', '# Retry policy\n\nOther project retry policy, secret-ish.');
    await write('demo', 'notes/punct.md', '# Punctuation\n\nThe foo-bar flag and key:value pairs and C++ and file.ts.');
  });

  it('ranks a decision above a session page that matches equally well', async () => {
    const result = await server.client.search({ q: 'retry policy', ...demo });
    assert.deepEqual(result.hits.slice(0, 2).map((h) => h.path), ['decisions/retry.md', 'sessions/2026-11-01.md']);
  });

  it('still finds a session page by a term only it has', async () => {
    await server.client.writePage({ ...demo, path: 'sessions/s2.md', body: '# Session\n\nWe chased the xylophone bug.' });
    const result = await server.client.search({ q: 'xylophone', ...demo });
    assert.equal(result.hits[0]?.path, 'sessions/s2.md');
  });

  it('hides superseded and expired pages unless asked, and marks them when shown', async () => {
    const normal = await server.client.search({ q: 'job queue', ...demo });
    assert.deepEqual(normal.hits.map((h) => h.path), ['decisions/new-queue.md']);
    const all = await server.client.search({ q: 'job queue', ...demo, include_superseded: true });
    assert.deepEqual(all.hits.map((h) => h.path), ['decisions/new-queue.md', 'decisions/old-queue.md']);
    assert.equal(all.hits[1]!.superseded, true);
    assert.equal((await server.client.search({ q: 'libfoo workaround', ...demo })).hits.length, 0);
    const expired = await server.client.search({ q: 'libfoo workaround', ...demo, include_expired: true });
    assert.equal(expired.hits[0]?.expired, true);
  });

  it('never leaks another project into a scoped query, and labels hits in an unscoped one', async () => {
    const scoped = await server.client.search({ q: 'retry policy secret', ...demo });
    assert.ok(scoped.hits.every((h) => h.project === 'demo'));
    const everywhere = await server.client.search({ q: 'secret-ish retry' });
    assert.deepEqual(
      everywhere.hits.map((h) => `${h.project}/${h.path}`).filter((p) => p.startsWith('other/')),
      ['other/decisions/retry.md'],
    );
    const multi = await server.client.search({ q: 'retry', scopes: [{ workspace: 'default', project: 'other' }] });
    assert.ok(multi.hits.length > 0 && multi.hits.every((h) => h.project === 'other'));
  });

  it('brings in link neighbours and fuzzy title matches', async () => {
    const result = await server.client.search({ q: 'zebra', ...demo });
    assert.deepEqual(result.hits.map((h) => h.path).slice(0, 2), ['notes/hub.md', 'procedures/runbook.md']);
    const fuzzy = await server.client.search({ q: 'runbok', ...demo });
    assert.equal(fuzzy.hits[0]?.path, 'procedures/runbook.md');
  });

  it('answers punctuation-heavy queries without errors', async () => {
    for (const q of ['foo-bar', 'key:value', 'C++', 'file.ts', '"foo', 'foo)', '*', 'NEAR(', 'AND OR']) {
      const result = await server.client.search({ q, ...demo });
      assert.ok(Array.isArray(result.hits), q);
    }
    assert.equal((await server.client.search({ q: 'foo-bar', ...demo })).hits[0]?.path, 'notes/punct.md');
    assert.equal((await server.client.search({ q: 'key:value', ...demo })).hits[0]?.path, 'notes/punct.md');
  });

  it('returns snippets as safe HTML with <mark> around matches', async () => {
    await server.client.writePage({ ...demo, path: 'notes/html.md', body: '# Html\n\nThe walrus <script>alert(1)</script> <img src=x onerror=alert(2)> swims.' });
    const hit = (await server.client.search({ q: 'walrus', ...demo })).hits[0]!;
    assert.match(hit.snippet, /<mark>walrus<\/mark>/);
    assert.doesNotMatch(hit.snippet, /<script|<img/);
    assert.match(hit.snippet, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &lt;img src=x onerror=alert\(2\)&gt;/);
  });

  it('validates requests: missing query, lone scope half, bad limit, unknown project', async () => {
    await assert.rejects(server.client.search({ q: '' }), { code: 'INVALID_INPUT' });
    await assert.rejects(server.client.search({ q: 'x', workspace: 'default' }), { code: 'INVALID_SCOPE' });
    await assert.rejects(server.client.search({ q: 'x', project: 'demo' }), { code: 'INVALID_SCOPE' });
    await assert.rejects(server.client.search({ q: 'x', ...demo, limit: 1000 }), { code: 'INVALID_INPUT' });
    await assert.rejects(server.client.search({ q: 'x', workspace: 'default', project: 'nope' }), { code: 'NOT_FOUND' });
  });
});
