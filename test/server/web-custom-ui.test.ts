import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadServerConfig } from '../../lib/config/config.js';
import { startTestServer } from '../helpers/server.js';

async function staticBuild(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aim-ui-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>My memory UI</title><div id="app"></div>');
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log("mine")');
  await writeFile(join(dir, '.env'), 'SECRET=1');
  return dir;
}

describe('--web-ui-dir: a custom frontend at /web', () => {
  it('serves the build, falls back to index.html for client-side routes, and keeps /api/v1', async () => {
    const dir = await staticBuild();
    try {
      const server = await startTestServer({ webUiDir: dir });
      const index = await fetch(`${server.url}/web/`);
      assert.equal(index.status, 200);
      assert.match(await index.text(), /My memory UI/);
      const asset = await fetch(`${server.url}/web/assets/app.js`);
      assert.equal(asset.status, 200);
      assert.match(asset.headers.get('content-type') ?? '', /javascript/);
      assert.equal(await asset.text(), 'console.log("mine")');
      const route = await fetch(`${server.url}/web/w/default/demo/p/notes/x.md`);
      assert.equal(route.status, 200);
      assert.match(await route.text(), /My memory UI/);
      // Hidden files and paths leaving the build are never served.
      assert.doesNotMatch(await (await fetch(`${server.url}/web/.env`)).text(), /SECRET/);
      assert.doesNotMatch(await (await fetch(`${server.url}/web/..%2F..%2Fetc%2Fpasswd`)).text(), /root:/);
      assert.equal((await fetch(`${server.url}/api/v1/workspaces`)).status, 200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('applies the same authentication as the API', async () => {
    const dir = await staticBuild();
    try {
      const server = await startTestServer({ webUiDir: dir, authToken: 'custom-ui-token-123456' });
      assert.equal((await fetch(`${server.url}/web/`)).status, 401);
      const basic = Buffer.from('me:custom-ui-token-123456').toString('base64');
      assert.equal((await fetch(`${server.url}/web/`, { headers: { authorization: `Basic ${basic}` } })).status, 200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a directory without index.html', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aim-ui-'));
    try {
      await assert.rejects(startTestServer({ webUiDir: dir }), /has no index\.html/);
      await assert.rejects(startTestServer({ webUiDir: join(dir, 'missing') }), /is not a directory/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is read from the flag or AI_MEMORY_WEB_UI_DIR; CORS origins from AI_MEMORY_CORS_ORIGINS', () => {
    const env = { AI_MEMORY_WEB_UI_DIR: '/srv/ui', AI_MEMORY_CORS_ORIGINS: 'http://localhost:5173, https://memory.example.com' };
    const fromEnv = loadServerConfig({ flags: {}, env, dataDir: '/data' });
    assert.equal(fromEnv.webUiDir, '/srv/ui');
    assert.deepEqual(fromEnv.corsOrigins, ['http://localhost:5173', 'https://memory.example.com']);
    assert.equal(loadServerConfig({ flags: { webUiDir: '/other' }, env, dataDir: '/data' }).webUiDir, '/other');
    assert.equal(loadServerConfig({ flags: {}, env: {}, dataDir: '/data' }).webUiDir, undefined);
  });
});

describe('AI_MEMORY_CORS_ORIGINS: other origins on /api/v1 only', () => {
  const origin = 'http://localhost:5173';
  const token = 'cors-token-0123456789';

  it('answers preflights and real requests from listed origins, and nothing for others', async () => {
    const server = await startTestServer({ corsOrigins: [origin], authToken: token });
    const preflight = await fetch(`${server.url}/api/v1/search`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);

    const real = await fetch(`${server.url}/api/v1/workspaces`, { headers: { origin, authorization: `Bearer ${token}` } });
    assert.equal(real.status, 200);
    assert.equal(real.headers.get('access-control-allow-origin'), origin);
    assert.match(real.headers.get('vary') ?? '', /origin/i);
    // An error still carries the header, so the frontend can read {"error": ...}.
    const refused = await fetch(`${server.url}/api/v1/workspaces`, { headers: { origin } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('access-control-allow-origin'), origin);

    const stranger = await fetch(`${server.url}/api/v1/workspaces`, { headers: { origin: 'https://evil.example', authorization: `Bearer ${token}` } });
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
    const strangerPreflight = await fetch(`${server.url}/api/v1/workspaces`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    assert.equal(strangerPreflight.headers.get('access-control-allow-origin'), null);

    for (const path of ['/admin/status', '/web/', '/mcp']) {
      const other = await fetch(`${server.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null, path);
    }
  });

  it('sends no CORS headers when no origin is configured', async () => {
    const server = await startTestServer();
    const response = await fetch(`${server.url}/api/v1/workspaces`, { headers: { origin } });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});
