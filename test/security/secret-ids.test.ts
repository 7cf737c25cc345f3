import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { call, httpClient } from '../mcp/helpers.js';
import { waitFor } from '../helpers/wait.js';

/** Every file under a dir with its content, names included: a secret must be in neither. */
function everything(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => `${join(d.parentPath, d.name)}\n${readFileSync(join(d.parentPath, d.name), 'utf8')}`)
    .join('\n');
}

describe('a secret in a session id or a cwd', () => {
  let server: TestServer;
  before(async () => {
    server = await startSuiteServer();
  });
  after(() => server.dispose());

  // Fake, shaped like a GitHub token and an AWS key id.
  const sessionSecret = `ghp_${'Zq8wR2mK5tY7uI9oP1aS3dF6gH4jK0lX2cV5'}`;
  const cwdSecret = 'AKIAQ7ZWX3YV2UT5SR4P';
  const cwd = `/work/leaky/${cwdSecret}`;

  it('names no raw file after it and writes it into no event, page or handoff', async () => {
    const post = (kind: string, extra: Record<string, unknown> = {}) =>
      fetch(`${server.url}/hook?agent=claude-code&project=leaky`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session_id: sessionSecret, cwd, hook_event_name: kind, ...extra }),
      });
    for (const [kind, extra] of [['SessionStart', {}], ['UserPromptSubmit', { prompt: 'Ship the exporter' }], ['SessionEnd', { reason: 'exit' }]] as const) {
      assert.equal((await post(kind, extra)).status, 202);
    }
    await waitFor(() => existsSync(join(server.wikiDir, 'default/leaky/handoffs')), 'the handoff');
    // A receiver whose own id and cwd hold secrets claims it: the claim is written into the page.
    const receiver = `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`;
    const claim = await fetch(`${server.url}/handoff?agent=codex&project=leaky&session_id=${receiver}&cwd=${encodeURIComponent(cwd)}`);
    const claimed = await claim.text();
    assert.match(claimed, /Ship the exporter/);
    await server.running.deps.store.writer.drain();

    const stored = `${everything(join(server.dataDir, 'raw'))}\n${everything(server.wikiDir)}`;
    assert.match(stored, /Ship the exporter/, 'the session was captured');
    for (const secret of [sessionSecret, cwdSecret, receiver]) assert.ok(!stored.includes(secret), `${secret} was stored`);
  });

  it('does not name a project folder after a secret in the cwd when the hook sends no project', async () => {
    const secretDir = `xoxb-${'123456789012'}-${'1234567890123'}-${'AbCdEfGhIjKlMnOpQrStUvWx'}`;
    const answer = await fetch(`${server.url}/hook?agent=claude-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: 'plain-session', cwd: `/work/${secretDir}`, hook_event_name: 'UserPromptSubmit', prompt: 'Where am I' }),
    });
    assert.equal(answer.status, 202);
    assert.equal(((await answer.json()) as { project: string }).project, 'scratch');
    const stored = `${everything(join(server.dataDir, 'raw'))}\n${everything(server.wikiDir)}`;
    assert.match(stored, /Where am I/);
    assert.ok(!stored.includes(secretDir), 'the secret was stored');
  });

  it('redacts a cwd an agent gives memory_handoff_begin over MCP', async () => {
    const mcp = await httpClient(server.url);
    try {
      const cwdSecretOverMcp = 'AKIAZ7YX6WV5UT4SR3QP';
      await call(mcp, 'memory_handoff_begin', { workspace: 'default', project: 'leaky', summary: 'Left mid-migration', cwd: `/srv/${cwdSecretOverMcp}/app` });
      const stored = everything(server.wikiDir);
      assert.match(stored, /Left mid-migration/);
      assert.ok(!stored.includes(cwdSecretOverMcp), 'the secret was stored');
    } finally {
      await mcp.close();
    }
  });
});
