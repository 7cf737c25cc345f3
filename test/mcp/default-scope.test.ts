import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { call, httpClient } from './helpers.js';

type Scoped = { scope: { workspace: string; project: string; resolved_by: string } };

async function hook(server: TestServer, kind: string, extra: Record<string, unknown> = {}) {
  const body = JSON.stringify({ session_id: 'acme-session', cwd: '/work/acme-api', hook_event_name: kind, ...extra });
  const response = await fetch(`${server.url}/hook?agent=claude-code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(response.status, 202);
}

describe('MCP calls that name no project', () => {
  it('use the project of the open session; after it ends, reads keep it and writes go to scratch', async () => {
    const server = await startTestServer();
    const client = await httpClient(server.url);
    try {
      await call(client, 'memory_write_page', { workspace: 'default', project: 'acme-api', path: 'decisions/db.md', body: '# Postgres\n\nWe use Postgres.\n' });
      const before = await call<Scoped>(client, 'memory_status', {});
      assert.equal(before.scope.project, 'scratch', 'no session yet: the fallback');

      await hook(server, 'SessionStart');
      await hook(server, 'UserPromptSubmit', { prompt: 'Which database do we use?' });
      const during = await call<Scoped>(client, 'memory_status', {});
      assert.deepEqual([during.scope.project, during.scope.resolved_by], ['acme-api', 'session']);

      await hook(server, 'SessionEnd', { reason: 'exit' });
      // The session counts as ended once its page and handoff are written.
      await waitFor(async () => (await call<Scoped>(client, 'memory_status', {})).scope.resolved_by !== 'session', 'the session to close', 15_000);
      assert.ok(existsSync(join(server.wikiDir, 'default/acme-api/handoffs')));
      const read = await call<Scoped & { title: string }>(client, 'memory_read_page', { path: 'decisions/db.md' });
      assert.deepEqual([read.scope.project, read.scope.resolved_by, read.title], ['acme-api', 'recent', 'Postgres']);
      const written = await call<Scoped>(client, 'memory_write_page', { path: 'notes/loose.md', body: '# Loose note\n' });
      assert.deepEqual([written.scope.project, written.scope.resolved_by], ['scratch', 'default']);
    } finally {
      await client.close();
    }
  });
});
