import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { fetchTrusting } from '../helpers/ca-fetch.js';
import { CADDY, caddyMissing, startCaddy, type CaddyProxy } from '../helpers/caddy.js';
import { runCli } from '../helpers/cli.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const TOKEN = 'proxy-root-token-0123456789abcdef';
const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures/hooks/claude-code');
const bearer = { Authorization: `Bearer ${TOKEN}` };

/**
 * docs/https-via-proxy.md, checked with the real Caddy: TLS from its internal CA in front of a
 * server on loopback with a token. Every client surface goes through the proxy: MCP with the
 * official SDK, hooks with the built CLI (NODE_EXTRA_CA_CERTS, as the docs say), /web with
 * Basic auth and /api/v1 with the bearer.
 */
describe('HTTPS through Caddy (internal CA)', { skip: caddyMissing }, () => {
  let server: TestServer;
  let proxy: CaddyProxy;
  let trusted: typeof fetch;

  before(async () => {
    server = await startSuiteServer({ authToken: TOKEN });
    const upstream = new URL(server.url).host;
    // A proxy that rewrites Host to its upstream's name: the failure mode the docs warn about.
    proxy = await startCaddy(upstream, { 'wrong-host': `reverse_proxy ${upstream} {\n\t\theader_up Host memory.internal.example\n\t}` });
    trusted = fetchTrusting(proxy.ca);
  });
  after(async () => {
    await proxy?.stop();
    await server?.dispose();
  });

  it('is real TLS: a client without the CA is refused, one with it gets through', async () => {
    await assert.rejects(fetch(`${proxy.url}/healthz`), 'the internal CA is not trusted by default');
    assert.equal((await trusted(`${proxy.url}/healthz`)).status, 200);
  });

  it('serves MCP to the official SDK client through the proxy', async () => {
    const client = new Client({ name: 'https-proxy-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${proxy.url}/mcp`), { fetch: trusted, requestInit: { headers: bearer } }));
    try {
      const tools = await client.listTools();
      assert.ok(tools.tools.some((t) => t.name === 'memory_query'));
      const write = await client.callTool({ name: 'memory_write_page', arguments: { workspace: 'default', project: 'tls-demo', path: 'decisions/proxy.md', title: 'Caddy terminates TLS', body: 'The server stays on loopback behind Caddy.' } });
      assert.notEqual(write.isError, true, JSON.stringify(write.content));
      const query = await client.callTool({ name: 'memory_query', arguments: { workspace: 'default', project: 'tls-demo', query: 'caddy loopback' } });
      assert.match(JSON.stringify(query.content), /decisions\/proxy\.md/);
    } finally {
      await client.close();
    }
  });

  it('takes a session\'s hooks from the CLI with the CA in NODE_EXTRA_CA_CERTS, and its page is readable through the proxy', async () => {
    const env = { NODE_EXTRA_CA_CERTS: proxy.caFile, AI_MEMORY_SERVER_URL: '', AI_MEMORY_AUTH_TOKEN: '' };
    for (const event of ['SessionStart', 'UserPromptSubmit', 'PostToolUse', 'SessionEnd']) {
      const result = await runCli(['hook', '--agent', 'claude-code', '--event', event, '--server-url', proxy.url, '--auth-token', TOKEN], { env, input: readFileSync(join(FIXTURES, `${event}.json`), 'utf8') });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, '', `the hook reached the server through the proxy (${event})`);
    }
    const sessions = `${proxy.url}/api/v1/workspaces/default/projects/acme-api/sessions`;
    await waitFor(async () => {
      const res = await trusted(sessions, { headers: bearer });
      return res.status === 200 && JSON.stringify(await res.json()).includes('5f0d2c7e-3b1a-4e8f-9c2d-7a6b1e4f8d90');
    }, 'the hooked session to show up through the proxy', 15_000);
  });

  it('asks browsers for Basic auth on /web and serves the UI with the token as password', async () => {
    const anonymous = await trusted(`${proxy.url}/web/`);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Basic/);
    const page = await trusted(`${proxy.url}/web/`, { headers: { Authorization: `Basic ${Buffer.from(`me:${TOKEN}`).toString('base64')}` } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);
  });

  it('answers /api/v1 with the bearer, and 401 without it', async () => {
    const write = await trusted(`${proxy.url}/admin/write-page`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ workspace: 'default', project: 'tls-demo', path: 'notes/api.md', title: 'API over TLS', body: 'Searchable through the proxy.' }) });
    assert.equal(write.status, 200, await write.text());
    assert.equal((await trusted(`${proxy.url}/api/v1/search?q=proxy`)).status, 401);
    const res = await trusted(`${proxy.url}/api/v1/search?q=searchable%20proxy&workspace=default&project=tls-demo`, { headers: bearer });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { hits: Array<{ path: string }> };
    assert.ok(body.hits.some((h) => h.path === 'notes/api.md'), JSON.stringify(body));
  });

  it('refuses a proxy that forwards a Host the server does not know, and says which setting fixes it', async () => {
    const res = await trusted(`${proxy.sites['wrong-host']}/api/v1/workspaces`, { headers: bearer });
    assert.equal(res.status, 403);
    assert.match(((await res.json()) as { error: string }).error, /memory\.internal\.example.*AI_MEMORY_ALLOWED_HOSTS/);
  });

  it('never writes the token into Caddy\'s log', () => {
    assert.ok(!proxy.log().includes(TOKEN));
  });

  it('ships a docker/Caddyfile that Caddy accepts for the internal CA and for a public certificate', () => {
    const caddyfile = join(import.meta.dirname, '../../docker/Caddyfile');
    for (const [tls, issuer] of [[undefined, /"module":"internal"/], ['you@example.com', /"email":"you@example\.com","module":"acme"/]] as const) {
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), AI_MEMORY_PUBLIC_HOST: 'memory.example.com', ...(tls ? { AI_MEMORY_TLS: tls } : {}) };
      const adapted = spawnSync(CADDY, ['adapt', '--config', caddyfile, '--adapter', 'caddyfile'], { env, encoding: 'utf8' });
      assert.equal(adapted.status, 0, adapted.stderr);
      assert.match(adapted.stdout, issuer);
      assert.match(adapted.stdout, /"dial":"ai-memory:49374"/);
    }
  });
});
