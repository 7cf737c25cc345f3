import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HANDOFF_HEADER } from '../../lib/core/capture/handoff-marks.js';
import { replayClaudeSession } from '../agents/seed-session.js';
import { closedSession, eventsOf, rawRecords } from '../agents/world-state.js';
import { BIN } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

/**
 * hooks/openclaw/index.js, the plugin OpenClaw loads, driven the way OpenClaw's hook runner calls
 * it (register(api), then `api.on` handlers with the event and context shapes of openclaw
 * 2026.9.6) against a real server through the built CLI. The real OpenClaw run is
 * test/agents/openclaw.test.ts; this one runs everywhere, fast, and covers what a one-shot run
 * does not reach (a failed tool call reported as `error`, session_end from the Gateway).
 */
type Handler = (event: unknown, ctx: unknown) => Promise<unknown>;
interface Plugin {
  id: string;
  register(api: { pluginConfig: unknown; on(name: string, handler: Handler, options?: unknown): void; logger?: unknown }): void;
}

describe('the OpenClaw plugin', () => {
  let server: TestServer;
  let repo: string;
  const handlers = new Map<string, Handler>();

  before(async () => {
    server = await startSuiteServer();
    repo = join(await tempDir('aim-claw-'), 'shop-api');
    mkdirSync(repo, { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    const plugin = ((await import(pathToFileURL(join(import.meta.dirname, '../../hooks/openclaw/index.js')).href)) as { default: Plugin }).default;
    assert.equal(plugin.id, 'ai-memory', 'the id openclaw.plugin.json and plugins.entries use');
    plugin.register({ pluginConfig: { node: process.execPath, bin: BIN, args: ['--server-url', server.url] }, on: (name, handler) => void handlers.set(name, handler) });
  });
  after(() => server?.dispose());

  const call = (name: string, event: unknown, ctx: unknown) => {
    const handler = handlers.get(name);
    assert.ok(handler, `the plugin registers ${name}`);
    return handler(event, ctx);
  };

  it('puts the pending handoff before the first prompt of a session, once, and captures the session', async () => {
    const seeded = await replayClaudeSession(server.url, repo, repo);
    const { handoff } = await closedSession(server, seeded.session);
    const ctx = { sessionId: 'claw-1', sessionKey: 'agent:main:main', agentId: 'main', workspaceDir: repo, trigger: 'user', modelId: 'fake-model' };

    const first = (await call('before_prompt_build', { prompt: 'Fix the orders total', messages: [] }, ctx)) as { prependContext?: string } | undefined;
    const context = first?.prependContext ?? '';
    assert.ok(context.includes(HANDOFF_HEADER) && context.includes(handoff), `the handoff goes before the first prompt: ${JSON.stringify(first)}`);
    assert.ok(context.includes(seeded.failing), 'with what the previous session left broken');
    const second = await call('before_prompt_build', { prompt: 'And the tax', messages: [{ role: 'user', content: 'Fix the orders total' }] }, ctx);
    assert.equal(second, undefined, 'the next turn of the session gets nothing more');
    const heartbeat = await call('before_prompt_build', { prompt: 'HEARTBEAT', messages: [] }, { ...ctx, sessionId: 'claw-hb', trigger: 'heartbeat' });
    assert.equal(heartbeat, undefined, 'a heartbeat turn neither claims a handoff nor is captured');

    const tool = { toolName: 'exec', toolCallId: 'call_1' };
    const toolCtx = { sessionId: 'claw-1', sessionKey: 'agent:main:main', agentId: 'main', toolName: 'exec' };
    await call('after_tool_call', { ...tool, params: { command: 'npm test' }, result: { content: [{ type: 'text', text: 'npm error Missing script: "test"\n\n(Command exited with code 1)' }], details: { status: 'completed', exitCode: 1 } }, durationMs: 40 }, toolCtx);
    await call('after_tool_call', { toolName: 'read', toolCallId: 'call_2', params: { path: 'missing.ts' }, error: 'ENOENT: no such file or directory, open missing.ts' }, { ...toolCtx, toolName: 'read' });
    // Tool Search's wrapper: the tool it calls fires after_tool_call under its own name.
    await call('after_tool_call', { toolName: 'tool_call', toolCallId: 'call_w', params: { id: 'ai-memory__memory_query', args: {} }, result: { content: [] } }, { ...toolCtx, toolName: 'tool_call' });
    await call('after_tool_call', { toolName: 'write', toolCallId: 'call_3', params: { path: 'src/total.ts', content: 'x' }, result: { content: [{ type: 'text', text: 'Successfully wrote 1 bytes to src/total.ts' }], details: { created: true } } }, { ...toolCtx, toolName: 'write' });
    const patch = '*** Begin Patch\n*** Update File: src/tax.ts\n@@\n-const rate = 0\n+const rate = 0.2\n*** End Patch';
    await call('after_tool_call', { toolName: 'apply_patch', toolCallId: 'call_4', params: { input: patch }, result: { content: [{ type: 'text', text: 'Success. Updated: M src/tax.ts' }] } }, { ...toolCtx, toolName: 'apply_patch' });
    const messages = [{ role: 'user', content: 'Fix the orders total' }, { role: 'assistant', content: [{ type: 'text', text: 'Fixed the total; the tax is next.' }] }];
    await call('agent_end', { messages, success: true, runId: 'run-1' }, ctx);
    await call('session_end', { sessionId: 'claw-1', sessionKey: 'agent:main:main', messageCount: 2, reason: 'new' }, { sessionId: 'claw-1', agentId: 'main' });

    const events = await waitFor(() => {
      const found = eventsOf(rawRecords(server, 'claw-1'));
      return found.some((e) => e.kind === 'session-end') ? found : undefined;
    }, 'the session end of claw-1 to be recorded');
    assert.deepEqual(events.map((e) => e.kind), ['session-start', 'user-prompt', 'user-prompt', 'post-tool', 'post-tool', 'post-tool', 'post-tool', 'stop', 'assistant-reply', 'session-end']);
    assert.deepEqual(events.filter((e) => e.kind === 'user-prompt').map((e) => e.prompt), ['Fix the orders total', 'And the tax'], 'the prompts, without the handoff');
    const [npm, read, write, patched] = events.filter((e) => e.kind === 'post-tool').map((e) => e.tool!);
    assert.deepEqual([npm!.name, npm!.failed, npm!.exit_code], ['exec', true, 1]);
    assert.match(npm!.error ?? '', /Missing script/);
    assert.deepEqual([read!.failed, read!.error], [true, 'ENOENT: no such file or directory, open missing.ts']);
    assert.deepEqual(write!.files, ['src/total.ts']);
    assert.deepEqual(patched!.files, ['src/tax.ts'], 'the files an apply_patch touched');
    assert.equal(events.find((e) => e.kind === 'assistant-reply')?.reply, 'Fixed the total; the tax is next.');
    assert.equal(eventsOf(rawRecords(server, 'claw-hb')).length, 0);
    const closed = await closedSession(server, 'claw-1');
    assert.match(closed.pageText, /Fix the orders total/);
  });

  it('says in OpenClaw\'s log when the server cannot be reached, and gives the turn nothing', async () => {
    const plugin = ((await import(pathToFileURL(join(import.meta.dirname, '../../hooks/openclaw/index.js')).href)) as { default: Plugin }).default;
    const own = new Map<string, Handler>();
    const warnings: string[] = [];
    plugin.register({ pluginConfig: { node: process.execPath, bin: BIN, args: ['--server-url', 'http://127.0.0.1:9'] }, on: (name, handler) => void own.set(name, handler), logger: { warn: (m: string) => warnings.push(m) } });
    const ctx = { sessionId: 'claw-away', workspaceDir: repo, trigger: 'user' };
    assert.equal(await own.get('before_prompt_build')!({ prompt: 'Hello', messages: [] }, ctx), undefined);
    await own.get('agent_end')!({ messages: [], success: true }, ctx);
    assert.ok(warnings.some((w) => /could not reach http:\/\/127\.0\.0\.1:9/.test(w)), warnings.join('\n'));
  });
});
