import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const TOKEN = 'root-token-for-tests-0123456789abcdef';

/**
 * Every route the server exposes, with a body that would be valid. New routes belong here:
 * the table is what proves that none of them is reachable without the token.
 */
const PROTECTED: Array<[method: string, path: string, body?: unknown]> = [
  ['GET', '/api/v1/workspaces'],
  ['GET', '/api/v1/projects'],
  ['GET', '/api/v1/workspaces/default/projects/demo/pages'],
  ['GET', '/api/v1/workspaces/default/projects/demo/pages/a.md'],
  ['GET', '/api/v1/workspaces/default/projects/demo/history/a.md'],
  ['GET', '/api/v1/workspaces/default/projects/demo/recent'],
  ['GET', '/api/v1/search?q=x'],
  ['POST', '/api/v1/search', { q: 'x' }],
  ['POST', '/hook', { agent: 'claude-code', event: 'UserPromptSubmit', payload: {} }],
  ['POST', '/hook/batch', { events: [] }],
  ['GET', '/handoff?cwd=/tmp'],
  ['POST', '/mcp', { jsonrpc: '2.0', id: 1, method: 'tools/list' }],
  ['GET', '/admin/status'],
  ['POST', '/admin/write-page', { project: 'demo', path: 'a.md', title: 'A', body: 'x' }],
  ['POST', '/admin/delete-page', { project: 'demo', path: 'a.md' }],
  ['POST', '/admin/reindex', {}],
  ['GET', '/admin/users'],
  ['POST', '/admin/users', { name: 'eve' }],
  ['POST', '/admin/users/eve/expire', {}],
  ['POST', '/admin/purge-project', { project: 'demo', confirm: true }],
  ['POST', '/admin/rename-project', { from: 'demo', to: 'other' }],
  ['GET', '/admin/backup'],
  ['POST', '/admin/sync', {}],
  ['GET', '/api/v1/overview'],
  ['GET', '/api/v1/titles?q=a'],
  ['GET', '/api/v1/workspaces/default/projects/demo/overview'],
  ['GET', '/api/v1/workspaces/default/projects/demo/briefing'],
  ['GET', '/api/v1/workspaces/default/projects/demo/sessions'],
  ['GET', '/api/v1/workspaces/default/projects/demo/sessions/s1/observations'],
  ['GET', '/api/v1/workspaces/default/projects/demo/diff/a.md'],
  ['GET', '/api/v1/workspaces/default/projects/demo/related/a.md'],
  ['GET', '/api/v1/workspaces/default/projects/demo/backlinks/a.md'],
  ['POST', '/admin/forget-sweep', { dry_run: true }],
  ['POST', '/admin/lint', { dry_run: true }],
  ['GET', '/admin/catch-up'],
  ['POST', '/admin/consolidate', { dry_run: true }],
  ['POST', '/admin/embed', {}],
  ['POST', '/admin/bootstrap', { project: 'demo', dry_run: true }],
  ['GET', '/'],
  ['GET', '/web'],
  ['GET', '/web/'],
  ['GET', '/web/search?q=a'],
  ['GET', '/web/suggest?q=a'],
  ['GET', '/web/w/default/demo'],
  ['GET', '/web/w/default/demo/p/a.md'],
  ['GET', '/web/w/default/demo/history/a.md'],
  ['GET', '/web/assets/app.css'],
  ['GET', '/no/such/route'],
];

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so the Host header can be forged or left out as an attacker would. */
function raw(url: string, method: string, path: string, headers: Record<string, string>, body?: unknown, setHost = true): Promise<RawAnswer> {
  const target = new URL(url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method,
        path,
        setHost,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('every route behind the token and the Host guard', () => {
  let server: TestServer;
  before(async () => {
    server = await startSuiteServer({ authToken: TOKEN, allowedHosts: ['memory.lan'] });
  });
  after(() => server.dispose());

  for (const [method, path, body] of PROTECTED) {
    it(`${method} ${path}: 401 without a token or with a wrong one, 403 for a foreign Host`, async () => {
      const missing = await raw(server.url, method, path, {}, body);
      assert.equal(missing.status, 401, missing.body);
      assert.match(String(missing.headers['www-authenticate']), path.startsWith('/web') ? /^Basic/ : /^Bearer/);
      if (!path.startsWith('/web')) assert.match(JSON.parse(missing.body).error, /AI_MEMORY_AUTH_TOKEN/);

      const wrong = await raw(server.url, method, path, { authorization: `Bearer ${TOKEN}x` }, body);
      assert.equal(wrong.status, 401);

      // The Host check comes first: a rebinding page learns nothing, whatever it sends.
      for (const auth of [{}, { authorization: `Bearer ${TOKEN}` }] as Array<Record<string, string>>) {
        const foreign = await raw(server.url, method, path, { host: 'attacker.example:49374', ...auth }, body);
        assert.equal(foreign.status, 403, foreign.body);
        assert.match(foreign.body, /AI_MEMORY_ALLOWED_HOSTS/);
      }
    });
  }

  it('lets the right token through on every route, and never answers with a stack trace', async () => {
    for (const [method, path, body] of PROTECTED) {
      const answer = await raw(server.url, method, path, { authorization: `Bearer ${TOKEN}`, accept: 'application/json, text/event-stream' }, body);
      assert.notEqual(answer.status, 401, `${method} ${path}: ${answer.body}`);
      assert.notEqual(answer.status, 403, `${method} ${path}: ${answer.body}`);
      assert.doesNotMatch(answer.body, /\n\s+at .+\(.+:\d+:\d+\)/, `${method} ${path} leaked a stack trace`);
    }
  });

  it('answers /healthz without a token, for load balancers and Docker', async () => {
    const answer = await raw(server.url, 'GET', '/healthz', {});
    assert.equal(answer.status, 200);
    assert.equal(JSON.parse(answer.body).ok, true);
  });

  it('accepts a configured extra Host name and refuses a request with no Host at all', async () => {
    const named = await raw(server.url, 'GET', '/api/v1/workspaces', { host: 'memory.lan:49374', authorization: `Bearer ${TOKEN}` });
    assert.equal(named.status, 200);
    const hostless = await raw(server.url, 'GET', '/api/v1/workspaces', { authorization: `Bearer ${TOKEN}` }, undefined, false);
    // Node's HTTP parser already answers 400 to an HTTP/1.1 request without Host; the guard
    // covers servers where that check is off.
    assert.equal(hostless.status, 400);
  });

  it('takes Basic credentials with the token as password on /web only', async () => {
    const basic = `Basic ${Buffer.from(`anyone:${TOKEN}`).toString('base64')}`;
    const web = await raw(server.url, 'GET', '/web', { authorization: basic });
    assert.notEqual(web.status, 401);
    const api = await raw(server.url, 'GET', '/api/v1/workspaces', { authorization: basic });
    assert.equal(api.status, 401, 'Basic credentials are for browsers on /web, not for the API');
    const wrong = await raw(server.url, 'GET', '/web', { authorization: `Basic ${Buffer.from('anyone:nope').toString('base64')}` });
    assert.equal(wrong.status, 401);
  });

  it('refuses oversized bodies with 413 and keeps serving', async () => {
    const huge = { project: 'demo', path: 'big.md', title: 'Big', body: 'x'.repeat(5 * 1024 * 1024) };
    const answer = await raw(server.url, 'POST', '/admin/write-page', { authorization: `Bearer ${TOKEN}` }, huge);
    assert.equal(answer.status, 413);
    assert.match(JSON.parse(answer.body).error, /limit/);
    const after = await raw(server.url, 'GET', '/api/v1/workspaces', { authorization: `Bearer ${TOKEN}` });
    assert.equal(after.status, 200);
  });
});

describe('binding beyond loopback', () => {
  it('refuses to start on 0.0.0.0 without a token, and says how to fix it', async () => {
    await assert.rejects(startSuiteServer({ host: '0.0.0.0' }), (error: Error) => {
      assert.match(error.message, /AI_MEMORY_AUTH_TOKEN/);
      assert.match(error.message, /generate-auth-token/);
      return true;
    });
  });

  it('starts on 0.0.0.0 with a token and still demands it', async () => {
    const server = await startSuiteServer({ host: '0.0.0.0', authToken: TOKEN });
    try {
      const url = `http://127.0.0.1:${server.running.port}`;
      assert.equal((await raw(url, 'GET', '/api/v1/workspaces', {})).status, 401);
      assert.equal((await raw(url, 'GET', '/api/v1/workspaces', { authorization: `Bearer ${TOKEN}` })).status, 200);
    } finally {
      await server.dispose();
    }
  });
});
