import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { toSlug } from '../../lib/core/paths.js';
import { callError, httpClient } from '../mcp/helpers.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

/** Bad input gets a clear 4xx that names the limit, never a 500, and nothing is lost. */
describe('limits on names and paths', () => {
  let server: TestServer;
  let mcp: Client;
  before(async () => {
    server = await startSuiteServer();
    mcp = await httpClient(server.url);
  });
  after(async () => {
    await mcp.close();
    await server.dispose();
  });

  const long = `${'a'.repeat(300)}.md`;
  const api = (path: string) => `${server.url}/api/v1/workspaces/default/projects/demo/${path}`;

  it('answers a path segment over the file-name limit with 400 naming the limit on write, read, history and MCP', async () => {
    // A page of an ordinary name writes (and makes the project exist, so reads reach the path check).
    const ok = await fetch(`${server.url}/admin/write-page`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ project: 'demo', path: 'notes/short.md', body: '# Short' }) });
    assert.equal(ok.status, 200, await ok.text());
    const write = await fetch(`${server.url}/admin/write-page`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ project: 'demo', path: `notes/${long}`, body: '# Long\n\ntext' }),
    });
    const answers = [write, await fetch(api(`pages/notes/${long}`)), await fetch(api(`history/notes/${long}`))];
    for (const answer of answers) {
      assert.equal(answer.status, 400, answer.url);
      assert.match(((await answer.json()) as { error: string }).error, /longer than 200 bytes/);
    }
    for (const tool of ['memory_write_page', 'memory_read_page', 'memory_history']) {
      const text = await callError(mcp, tool, { workspace: 'default', project: 'demo', path: long, ...(tool === 'memory_write_page' ? { body: '# x' } : {}) });
      assert.match(text, /longer than 200 bytes/, tool);
    }
  });

  it('keeps two long project names that share their first 64 characters apart', async () => {
    const head = 'customer-portal-backend-service-with-a-very-long-descriptive-name';
    const [a, b] = [toSlug(`${head}-billing`), toSlug(`${head}-shipping`)];
    assert.notEqual(a, b);
    for (const slug of [a, b]) assert.ok(slug.length <= 64 && slug.startsWith(head.slice(0, 40)), slug);
    assert.equal(toSlug(`${head}-billing`), a, 'the same name gives the same folder every time');

    for (const [name, title] of [[`${head}-billing`, 'Billing'], [`${head}-shipping`, 'Shipping']]) {
      const answer = await fetch(`${server.url}/admin/write-page`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ project: name, path: 'readme.md', body: `# ${title}` }) });
      assert.equal(answer.status, 200, await answer.text());
    }
    const projects = ((await (await fetch(`${server.url}/api/v1/projects`)).json()) as { projects: Array<{ project: string }> }).projects.map((p) => p.project);
    assert.ok(projects.includes(a) && projects.includes(b), projects.join(', '));
  });

  it('answers a web page path that is not valid percent-encoding with 400, like the API', async () => {
    for (const url of [`${server.url}/web/w/default/demo/p/%zz.md`, `${server.url}/api/v1/workspaces/default/projects/demo/pages/%zz.md`]) {
      const answer = await fetch(url);
      assert.equal(answer.status, 400, url);
    }
  });

  it('reserves the user names audits and commits use for root, open access and the server', async () => {
    for (const name of ['root', 'ai-memory', 'open']) {
      const answer = await fetch(`${server.url}/admin/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
      assert.equal(answer.status, 400, name);
      assert.match(((await answer.json()) as { error: string }).error, /reserved/);
    }
    const alice = await fetch(`${server.url}/admin/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'alice' }) });
    assert.equal(alice.status, 201, await alice.text());
  });

  it('answers malformed lifecycle requests with 400 naming the field, and changes nothing', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['purge-project', { project: 'demo', confirm: 'yes' }, /^confirm must be true or false$/],
      ['rename-project', { from: 'demo', to: 42 }, /^to must be a string of 1 to 128 characters$/],
      ['rename-project', { from: 'demo', to: 'x'.repeat(129) }, /^to must be at most 128 characters$/],
      ['sync', { remote: ['origin'] }, /^remote must be a string$/],
      ['users', { name: '' }, /^name must be a string of 1 to 64 characters$/],
      ['embed', { force: 1 }, /^force must be true or false$/],
    ];
    for (const [route, body, message] of cases) {
      const answer = await fetch(`${server.url}/admin/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(answer.status, 400, `${route} ${JSON.stringify(body)}`);
      assert.match(((await answer.json()) as { error: string }).error, message, route);
    }
    const page = await fetch(api('pages/notes/short.md'));
    assert.equal(page.status, 200, 'the project was neither purged nor renamed');
  });
});

describe('token strength', () => {
  it('refuses a weak AI_MEMORY_AUTH_TOKEN on a non-loopback bind and says how to make a strong one', async () => {
    for (const token of ['x', 'short-token-123', 'a'.repeat(40)]) {
      await assert.rejects(startSuiteServer({ host: '0.0.0.0', authToken: token }), (error: Error) => /weak AI_MEMORY_AUTH_TOKEN/.test(error.message) && /generate-auth-token/.test(error.message));
    }
  });

  it('still starts on loopback with a short token (a warning, not a refusal)', async () => {
    const server = await startSuiteServer({ authToken: 'x' });
    try {
      assert.equal((await fetch(`${server.url}/api/v1/workspaces`, { headers: { authorization: 'Bearer x' } })).status, 200);
    } finally {
      await server.dispose();
    }
  });
});
