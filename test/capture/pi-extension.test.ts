import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { HANDOFF_HEADER } from '../../lib/core/capture/handoff.js';
import { piExtension } from '../../lib/client/installers/pi-extension.js';
import { closedSession, eventsOf, rawRecords } from '../agents/world-state.js';
import { startTestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

/**
 * The generated Pi / Oh My Pi extension, loaded as the agents load it (an ES module whose default
 * export gets the `pi` API) and driven with their event shapes by a small host, against a real
 * server through the real hook command. Covers what the real-agent runs
 * (test/agents/pi-agents.test.ts) cannot force: a reload that keeps the session, a retried before_agent_start, a
 * shutdown before agent_end, and a server that is away.
 */
type Handler = (event: unknown, ctx: unknown) => unknown;

async function loadExtension(dir: string, serverUrl: string, agent: 'pi' | 'omp') {
  const file = join(dir, `ai-memory-${agent}-${Date.now()}.mjs`);
  writeFileSync(file, piExtension(agent, { node: process.execPath, packageDir: join(import.meta.dirname, '../..'), serverUrl }));
  const module = (await import(pathToFileURL(file).href)) as { default: (pi: unknown) => void };
  return (session: string, cwd: string) => {
    const handlers = new Map<string, Handler[]>();
    module.default({ on: (name: string, handler: Handler) => handlers.set(name, [...(handlers.get(name) ?? []), handler]) });
    const ctx = { cwd, sessionManager: { getSessionId: () => session, getCwd: () => cwd, getSessionFile: () => join(cwd, `${session}.jsonl`) } };
    return async (name: string, event: Record<string, unknown> = {}) => (await Promise.all((handlers.get(name) ?? []).map((h) => h({ type: name, ...event }, ctx)))).find((r) => r !== undefined) as { systemPrompt?: unknown } | undefined;
  };
}

describe('the generated Pi / Oh My Pi extension', { timeout: 180_000 }, () => {
  it('captures a session, ends it after the host is gone, and gives the next one its handoff once', async () => {
    const server = await startTestServer();
    const root = await tempDir('aim-pi-ext-');
    const repo = join(root, 'shop-api');
    mkdirSync(repo);
    const host = await loadExtension(root, server.url, 'omp');

    const emit = host('s-one', repo);
    await emit('session_start', { reason: 'startup' });
    assert.equal(await emit('before_agent_start', { prompt: 'Fix the flaky test', systemPrompt: ['base'] }), undefined, 'nothing pending: the system prompt is left alone');
    // Oh My Pi reruns the chain when the prompt's base changed meanwhile: one prompt, once.
    await emit('before_agent_start', { prompt: 'Fix the flaky test', systemPrompt: ['base', 'tools'] });
    await emit('tool_call', { toolName: 'bash', toolCallId: 'c1', input: { command: 'npm test' } });
    await emit('tool_result', { toolName: 'bash', toolCallId: 'c1', input: { command: 'npm test' }, content: [{ type: 'text', text: '1 failing\n\nCommand exited with code 1' }], isError: true });
    // A reload replaces the extension instance and keeps the session: what was queued still goes out.
    await emit('session_shutdown', { reason: 'reload' });
    await waitFor(() => eventsOf(rawRecords(server, 's-one')).some((e) => e.kind === 'post-tool'), 'the events queued before the reload', 60_000);
    const reloaded = host('s-one', repo);
    await reloaded('session_start', { reason: 'reload' });
    await reloaded('message_end', { message: { role: 'assistant', content: [{ type: 'text', text: 'The retry test still fails.' }] } });
    // Quit before agent_end came (Oh My Pi does not wait for it): the reply still goes, then the end.
    await reloaded('session_shutdown', {});

    const closed = await closedSession(server, 's-one');
    const events = eventsOf(rawRecords(server, 's-one'));
    assert.deepEqual(events.filter((e) => e.kind === 'user-prompt').map((e) => e.prompt), ['Fix the flaky test']);
    const failed = events.find((e) => e.kind === 'post-tool');
    assert.deepEqual([failed?.tool?.failed, failed?.tool?.exit_code], [true, 1]);
    const kinds = events.map((e) => e.kind);
    assert.ok(kinds.includes('assistant-reply') && kinds.indexOf('assistant-reply') < kinds.indexOf('session-end'), kinds.join(', '));
    assert.equal(kinds.filter((k) => k === 'session-end').length, 1, 'the reload did not end the session');
    assert.ok(events.some((e) => e.kind === 'assistant-reply' && e.reply === 'The retry test still fails.'));

    const next = host('s-two', repo);
    const answer = await next('before_agent_start', { prompt: 'Go on', systemPrompt: ['base'] });
    const blocks = answer?.systemPrompt as string[];
    assert.equal(blocks[0], 'base');
    assert.ok(blocks[1]?.includes(HANDOFF_HEADER) && blocks[1].includes(closed.handoff), 'the handoff is one more system prompt block');
    const again = await next('before_agent_start', { prompt: 'And then?', systemPrompt: 'base' });
    assert.ok(typeof again?.systemPrompt === 'string' && again.systemPrompt.startsWith('base\n\n') && again.systemPrompt.includes(closed.handoff), 'Pi: appended to the string, on each prompt of the session');
    await next('session_shutdown', {});
    await waitFor(() => eventsOf(rawRecords(server, 's-two')).some((e) => e.kind === 'session-end'), 'the second session ended', 60_000);
  });

  it('with the server away, the agent gets no handoff and no error, and every handler returns', async () => {
    const root = await tempDir('aim-pi-ext-');
    const host = await loadExtension(root, 'http://127.0.0.1:9', 'pi');
    const emit = host('s-away', root);
    assert.equal(await emit('before_agent_start', { prompt: 'Hello', systemPrompt: 'base' }), undefined);
    await emit('tool_call', { toolName: 'bash', toolCallId: 'c1', input: { command: 'ls' } });
    await emit('agent_end', { messages: [] });
    await emit('session_shutdown', { reason: 'quit' });
  });
});
