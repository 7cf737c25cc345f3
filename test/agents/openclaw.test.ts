import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HANDOFF_HEADER } from '../../lib/core/capture/handoff-marks.js';
import type { TestServer } from '../helpers/server.js';
import type { FakeModel } from './fake-model/server.js';
import { checkFixtures, fixtureFiles } from './fixtures.js';
import { startAgentHarness, type AgentHarness } from './harness.js';
import type { HookRecorder } from './hook-recorder.js';
import { AGENT_PACKAGES } from './manifest.js';
import { OPENCLAW_CONFIG, openclawScript, prepareOpenclaw, runOpenclaw } from './openclaw-driver.js';
import { installOpenclaw } from './runtime-node24.js';
import type { AgentWorld } from './sandbox.js';
import { replayClaudeSession, startSessionAndTakeHandoff } from './seed-session.js';
import { closedSession, eventsOf, handoffState, PROJECT, rawRecords } from './world-state.js';

/**
 * The real OpenClaw (manifest.ts) under the Node 24 it requires (runtime-node24.ts), with
 * ai-memory's own install-hooks (the plugin in hooks/openclaw/) and install-mcp, against the fake
 * model. A Claude Code session replayed from its recorded payloads leaves the handoff OpenClaw
 * must receive. One OpenClaw run: it is the slowest agent to start.
 */
describe('OpenClaw hands off through ai-memory', { timeout: 20 * 60_000 }, () => {
  let server: TestServer;
  let recorder: HookRecorder;
  let fake: FakeModel;
  let world: AgentWorld;

  let harness: AgentHarness | undefined;

  before(async () => {
    void installOpenclaw();
    harness = await startAgentHarness();
    ({ server, recorder, fake, world } = harness);
  });
  after(() => harness?.dispose());

  it('gets the pending handoff in its first model request, is captured, uses MCP, and uninstalls to the byte', async (t) => {
    const installed = await installOpenclaw();
    if (!installed.ok) return t.skip(installed.reason);
    const seeded = await replayClaudeSession(server.url, world.repo, world.box('claude-code').home);
    const { handoff: seededHandoff } = await closedSession(server, seeded.session);

    const box = world.box('openclaw');
    prepareOpenclaw(box, fake.url);
    const configPath = join(box.home, OPENCLAW_CONFIG);
    const pristine = readFileSync(configPath, 'utf8');
    await box.aiMemory(['install-hooks', '--agent', 'openclaw', '--server-url', recorder.url, '--apply']);
    await box.aiMemory(['install-mcp', '--client', 'openclaw', '--server-url', server.url, '--apply']);
    const w = { tag: 'openclaw', failing: 'missing-openclaw-dir', file: 'notes-openclaw.txt', reply: 'Finished the openclaw task' };
    const prompt = 'Check the orders pagination';
    fake.script = openclawScript(w);
    const run = await runOpenclaw(box, installed.bin, installed.binDir, prompt);
    if (process.env.AI_MEMORY_DUMP_MODEL_REQUESTS) writeFileSync(process.env.AI_MEMORY_DUMP_MODEL_REQUESTS, JSON.stringify(fake.requests, null, 1));
    assert.equal(run.code, 0, `openclaw exited with ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
    assert.match(run.stdout, new RegExp(w.reply), 'openclaw printed the model reply');

    const hooks = recorder.hooks.filter((h) => h.agent === 'openclaw');
    const session = (hooks.find((h) => h.event === 'session_start')?.payload as { session_id?: string } | undefined)?.session_id;
    assert.ok(session, `the plugin started a session (hooks: ${hooks.map((h) => h.event).join(', ')}; stderr:\n${run.stderr.slice(-3000)})`);

    // The handoff Claude Code left is in OpenClaw's first model request, and is now spent.
    const main = fake.mainRequests();
    const first = JSON.stringify(main[0]?.body ?? {});
    assert.ok(first.includes(HANDOFF_HEADER) && first.includes(seededHandoff), `the first model request carries handoff ${seededHandoff}`);
    assert.ok(first.includes(seeded.prompt) && first.includes(seeded.failing), 'with the previous session prompt and its unfixed failing command');
    assert.deepEqual([handoffState(server, seededHandoff).state, handoffState(server, seededHandoff).accepted_by], ['accepted', 'openclaw']);

    // Prompt, the failing command with its exit status and error, the file write, the reply.
    const events = eventsOf(rawRecords(server, session));
    const kinds = events.map((e) => e.kind);
    const seen = `captured: ${kinds.join(', ')}; hooks sent: ${hooks.map((h) => h.event).join(', ')}; openclaw stderr:\n${run.stderr.slice(-2000)}`;
    assert.equal(events.find((e) => e.kind === 'user-prompt')?.prompt, prompt, `the prompt captured (${seen})`);
    const failing = events.find((e) => e.kind === 'post-tool' && e.tool?.input?.includes(w.failing));
    assert.ok(failing?.tool, `the failing command captured (${kinds.join(', ')})`);
    assert.deepEqual([failing.tool.failed, failing.tool.exit_code], [true, 2], 'with its exit status');
    assert.match(failing.tool.error ?? '', /No such file or directory/, 'and the error excerpt');
    assert.ok(existsSync(join(world.repo, w.file)), `openclaw really wrote ${w.file}`);
    assert.ok(events.some((e) => e.kind === 'post-tool' && e.tool?.files?.includes(w.file)), 'the file write captured with its file');
    assert.ok(events.some((e) => e.kind === 'assistant-reply' && e.reply?.includes(w.reply)), `the reply captured (${kinds.join(', ')})`);

    // MCP: memory_write_page wrote the page, memory_query (the next call) found it.
    const page = join(server.wikiDir, PROJECT, 'notes', `${w.tag}.md`);
    assert.ok(existsSync(page), `memory_write_page wrote ${page}`);
    assert.ok(events.some((e) => e.kind === 'post-tool' && e.tool?.name === 'ai-memory__memory_write_page'), `the MCP call captured under its own name, once (${seen})`);
    assert.ok(!events.some((e) => e.tool?.name === 'tool_call'), 'not the Tool Search wrapper around it');
    assert.match(JSON.stringify((main.at(-1)?.body as { messages?: unknown[] }).messages?.slice(-2)), /notes\/openclaw\.md/, 'memory_query found the page');

    // A one-shot run has no session end: the next session start closes it, gets its handoff, not the spent one.
    const next = await startSessionAndTakeHandoff(server.url, world.repo);
    const closed = await closedSession(server, session);
    assert.match(closed.pageText, new RegExp(prompt), 'the session page quotes the prompt');
    assert.match(closed.pageText, new RegExp(w.file), 'the session page lists the file');
    assert.ok(next.includes(closed.handoff), `the next session gets the OpenClaw handoff ${closed.handoff}:\n${next}`);
    assert.ok(!next.includes(seededHandoff), 'the spent handoff does not come back');

    checkFixtures('openclaw', AGENT_PACKAGES.openclaw.version, fixtureFiles(hooks, { [world.repo]: '<repo>', [box.home]: '<home>' }));

    await box.aiMemory(['uninstall', '--agent', 'openclaw', '--client', 'openclaw', '--apply']);
    assert.equal(readFileSync(configPath, 'utf8'), pristine, 'openclaw.json is back to its bytes before install');
  });
});
