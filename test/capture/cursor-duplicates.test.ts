import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { forwardHook } from '../../lib/client/hook-forwarder.js';

// Cursor runs Claude Code's hooks too (reference/clients.md section 2, "Dedupe Cursor + Claude
// Code"): with both agents' ai-memory hooks installed, the Claude copy of a Cursor event is dropped.
describe('Cursor events arriving through Claude Code hooks', () => {
  let server: Server;
  let url = '';
  const posts: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      if (req.method === 'POST') posts.push(new URL(req.url!, 'http://x').searchParams.get('agent')!);
      req.resume();
      req.on('end', () => {
        res.statusCode = req.method === 'POST' ? 202 : 200;
        res.end(req.method === 'POST' ? '{}' : 'HANDOFF');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  const cursorPayload = (workspace: string, event = 'postToolUse') =>
    JSON.stringify({ conversation_id: 'c1', hook_event_name: event, cursor_version: '3.24.9', workspace_roots: [workspace], tool_name: 'Shell' });
  const run = (agent: string, home: string, workspace: string, event = 'postToolUse') =>
    forwardHook({ agent, event, stdin: cursorPayload(workspace, event), cwd: workspace, homeDir: home, config: { serverUrl: url }, timeoutMs: 2000, handoffTimeoutMs: 2000 });

  it('are forwarded (relabelled by the server) when ai-memory has no Cursor hooks', async () => {
    const home = mkdtempSync(join(tmpdir(), 'aim-home-'));
    const ws = mkdtempSync(join(tmpdir(), 'aim-ws-'));
    posts.length = 0;
    await run('claude-code', home, ws);
    assert.deepEqual(posts, ['claude-code']);
  });

  for (const where of ['user', 'workspace'] as const) {
    it(`are dropped when ai-memory's Cursor hooks are installed (${where} hooks.json)`, async () => {
      const home = mkdtempSync(join(tmpdir(), 'aim-home-'));
      const ws = mkdtempSync(join(tmpdir(), 'aim-ws-'));
      const dir = join(where === 'user' ? home : ws, '.cursor');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'hooks.json'), JSON.stringify({ version: 1, hooks: { postToolUse: [{ command: '"/usr/bin/node" "/p/bin/ai-memory" hook --agent cursor --event postToolUse' }] } }));
      posts.length = 0;
      assert.equal((await run('claude-code', home, ws)).stdout, '');
      assert.equal((await run('claude-code', home, ws, 'sessionStart')).stdout, '{}', 'no second handoff through the Claude hook');
      assert.deepEqual(posts, []);
      await run('cursor', home, ws);
      assert.deepEqual(posts, ['cursor'], "Cursor's own hook still captures");
    });
  }
});
