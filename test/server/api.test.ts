import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

describe('HTTP API', () => {
  let server: TestServer;
  const get = (path: string) => fetch(`${server.url}${path}`);
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    await server.client.writePage({ project: 'demo', path: 'decisions/0001-db.md', title: 'Postgres', body: 'Postgres. See [[cache]].' });
    await server.client.writePage({ project: 'demo', path: 'notes/cache.md', body: '# Cache\n\nRedis cache.' });
    await server.client.writePage({ project: 'My Other App', path: 'notes/x.md', body: '# X\n\nx' });
  });

  it('answers /healthz', async () => {
    const response = await get('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true, version: 'test' });
  });

  it('lists workspaces and projects with counts and human names', async () => {
    const { workspaces } = (await (await get('/api/v1/workspaces')).json()) as { workspaces: Array<Record<string, unknown>> };
    assert.deepEqual(workspaces.map((w) => [w.workspace, w.project_count, w.page_count]), [['default', 2, 3]]);
    const { projects } = (await (await get('/api/v1/projects?workspace=default')).json()) as { projects: Array<Record<string, unknown>> };
    assert.deepEqual(projects.map((p) => [p.project, p.name, p.page_count]), [['demo', 'demo', 2], ['my-other-app', 'My Other App', 1]]);
  });

  it('lists pages, reads one with links and backlinks, lists recent and history', async () => {
    const pages = (await (await get('/api/v1/workspaces/default/projects/demo/pages')).json()) as { pages: Array<{ path: string; kind: string }> };
    assert.deepEqual(pages.pages.map((p) => `${p.path}:${p.kind}`), ['decisions/0001-db.md:decision', 'notes/cache.md:note']);
    const page = (await (await get('/api/v1/workspaces/default/projects/demo/pages/notes/cache.md')).json()) as Record<string, unknown>;
    assert.equal(page.title, 'Cache');
    assert.deepEqual((page.backlinks as Array<{ path: string }>).map((l) => l.path), ['decisions/0001-db.md']);
    const db = (await (await get('/api/v1/workspaces/default/projects/demo/pages/decisions/0001-db.md')).json()) as Record<string, unknown>;
    assert.deepEqual((db.links as Array<{ path: string; exists: boolean }>).map((l) => [l.path, l.exists]), [['notes/cache.md', true]]);
    assert.equal((db.frontmatter as Record<string, unknown>).title, 'Postgres');
    const recent = (await (await get('/api/v1/workspaces/default/projects/demo/recent?limit=1')).json()) as { pages: unknown[] };
    assert.equal(recent.pages.length, 1);
    const history = (await (await get('/api/v1/workspaces/default/projects/demo/history/notes/cache.md')).json()) as { commits: unknown[] };
    assert.equal(history.commits.length, 1);
  });

  it('searches by GET and POST', async () => {
    const byGet = (await (await get('/api/v1/search?q=redis&workspace=default&project=demo')).json()) as { hits: Array<{ path: string }> };
    assert.equal(byGet.hits[0]?.path, 'notes/cache.md');
    const byPost = await fetch(`${server.url}/api/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'redis', scopes: [{ workspace: 'default', project: 'demo' }], limit: 5 }),
    });
    assert.equal(((await byPost.json()) as { hits: Array<{ path: string }> }).hits[0]?.path, 'notes/cache.md');
  });

  const errors: Array<[string, string, number, RegExp]> = [
    ['GET', '/api/v1/search', 400, /q \(the query\) is required/],
    ['GET', '/api/v1/search?q=x&workspace=default', 400, /without project/],
    ['GET', '/api/v1/search?q=x&project=demo', 400, /without workspace/],
    ['GET', '/api/v1/search?q=x&q=y', 400, /given once/],
    ['GET', '/api/v1/workspaces/default/projects/nope/pages', 404, /^no project default\/nope in the wiki; default has demo, my-other-app$/],
    ['GET', '/api/v1/workspaces/default/projects/demo/pages/notes/missing.md', 404, /no page notes\/missing.md/],
    ['GET', '/api/v1/workspaces/default/projects/demo/pages/..%2F..%2Fetc%2Fpasswd', 400, /escapes/],
    ['GET', '/api/v1/workspaces/default/projects/demo/recent?limit=0', 400, /limit/],
    ['GET', '/api/v1/nothing-here', 404, /no route/],
  ];
  for (const [method, path, status, message] of errors) {
    it(`${method} ${path} -> ${status} with {"error": ...}`, async () => {
      const response = await fetch(`${server.url}${path}`, { method });
      assert.equal(response.status, status);
      const body = (await response.json()) as { error: string };
      assert.match(body.error, message);
    });
  }

  it('answers malformed and oversized JSON with 400 and 413, never a stack trace', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/admin/write-page`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const malformed = await post('{"project": ');
    assert.equal(malformed.status, 400);
    assert.deepEqual(await malformed.json(), { error: 'request body is not valid JSON', code: 'INVALID_INPUT' });
    const huge = await post(JSON.stringify({ project: 'demo', path: 'x.md', body: 'x'.repeat(5 * 1024 * 1024) }));
    assert.equal(huge.status, 413);
    const wrongTypes = await post(JSON.stringify({ project: 'demo', path: 'x.md', body: 42 }));
    assert.equal(wrongTypes.status, 400);
    assert.match(((await wrongTypes.json()) as { error: string }).error, /body must be a string/);
  });
});

describe('long work over HTTP', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    for (let i = 0; i < 5; i += 1) await server.client.writePage({ project: 'demo', path: `notes/n${i}.md`, body: `# N${i}\n\nbody ${i}` });
  });

  it('streams reindex progress as NDJSON when asked, then the result', async () => {
    const response = await fetch(`${server.url}/admin/reindex`, { method: 'POST', headers: { accept: 'application/x-ndjson' } });
    assert.match(response.headers.get('content-type') ?? '', /application\/x-ndjson/);
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(lines.at(-2), { progress: { done: 6, total: 6 } });
    const result = lines.at(-1)!.result as { pages: number; revision: number };
    assert.equal(result.pages, 5);
    const progress: Array<[number, number]> = [];
    const viaClient = await server.client.reindex((done, total) => progress.push([done, total]));
    assert.equal(viaClient.pages, 5);
    assert.deepEqual(progress.at(-1), [6, 6]);
  });

  it('answers plain JSON to a client that does not ask for a stream', async () => {
    const response = await fetch(`${server.url}/admin/reindex`, { method: 'POST' });
    assert.equal(((await response.json()) as { pages: number }).pages, 5);
  });
});
