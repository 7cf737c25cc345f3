import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { HANDOFF_HEADER } from '../../lib/core/capture/handoff.js';
import { foldTimeline } from '../../lib/core/capture/timeline.js';
import { commitSubjects } from '../helpers/git.js';
import type { TestServer } from '../helpers/server.js';
import { DRIVERS, type DrivenAgent, type SessionWords } from './drivers.js';
import type { Script } from './fake-model/script.js';
import type { FakeModel, ModelRequest } from './fake-model/server.js';
import { checkFixtures, fixtureFiles } from './fixtures.js';
import { startAgentHarness, type AgentHarness } from './harness.js';
import type { HookRecorder, RecordedHook } from './hook-recorder.js';
import { installAgent } from './install.js';
import { AGENT_PACKAGES } from './manifest.js';
import type { AgentBox, AgentWorld } from './sandbox.js';
import { closedSession, eventsOf, handoffState, PROJECT, rawRecords } from './world-state.js';

/**
 * The real agent CLIs (pinned in manifest.ts), one after another in one git repository, each
 * with its own HOME, ai-memory's own install-hooks/install-mcp, and a local fake model that
 * makes it run a failing command, write a file and call ai-memory's MCP tools. Proves per
 * agent: prompts, tool calls and session end are captured, the session page and handoff are
 * written, the previous agent's handoff is in its first model request (and is then spent), and
 * uninstall gives the configs back. Runs in series: each agent is a heavy process.
 */
type Ran = { box: AgentBox; session: string; hooks: RecordedHook[]; main: ModelRequest[]; words: SessionWords; prompt: string };

describe('real agents hand off to each other through ai-memory', { timeout: 15 * 60_000 }, () => {
  let server: TestServer;
  let recorder: HookRecorder;
  let fake: FakeModel;
  let world: AgentWorld;
  const ran: Partial<Record<DrivenAgent, Ran>> = {};
  const pristine = new Map<string, { before: string | null; rewritten: boolean }>();
  const boxes: AgentBox[] = [];

  let harness: AgentHarness | undefined;

  before(async () => {
    // Installs go first and in parallel: the only slow part on a fresh machine.
    for (const name of Object.keys(DRIVERS) as DrivenAgent[]) void installAgent(name);
    harness = await startAgentHarness();
    ({ server, recorder, fake, world } = harness);
  });
  after(() => harness?.dispose());

  async function runAgent(t: TestContext, agent: DrivenAgent, words: SessionWords, prompt: string, script?: Script): Promise<Ran | null> {
    const installed = await installAgent(agent);
    if (!installed.ok) {
      t.skip(installed.reason);
      return null;
    }
    const driver = DRIVERS[agent];
    const box = world.box(`${agent}-${Object.keys(ran).length}`);
    driver.prepare(box, fake.url);
    for (const file of driver.configFiles) pristine.set(join(box.home, file), { before: readOrNull(join(box.home, file)), rewritten: driver.rewrittenByAgent?.includes(file) ?? false });
    // Hooks go through the recorder (it keeps the payloads for the fixtures); MCP talks to the server.
    await box.aiMemory(['install-hooks', '--agent', agent, '--server-url', recorder.url, '--apply']);
    await box.aiMemory(['install-mcp', '--client', agent, '--server-url', server.url, '--apply']);
    fake.script = script ?? driver.script(world.repo, words);
    const [requestsBefore, hooksBefore] = [fake.requests.length, recorder.hooks.length];
    const run = await driver.run(box, installed.bin, fake.url, prompt);
    assert.equal(run.code, 0, `${agent} exited with ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
    assert.match(run.stdout, new RegExp(words.reply), `${agent} printed the model's final reply`);
    const hooks = recorder.hooks.slice(hooksBefore).filter((h) => h.agent === agent);
    const start = hooks.find((h) => /sessionstart/i.test(h.event))?.payload as { session_id?: string; sessionID?: string } | undefined;
    const session = start?.session_id ?? start?.sessionID;
    assert.ok(session, `${agent} fired SessionStart with a session id (got ${hooks.map((h) => h.event).join(', ')})`);
    const result: Ran = { box, session, hooks, main: fake.requests.slice(requestsBefore).filter((r) => r.main), words, prompt };
    if (!ran[agent]) ran[agent] = result;
    else boxes.push(box);
    return result;
  }

  function assertCaptured(agent: DrivenAgent, r: Ran, expectEnd: boolean): void {
    const events = eventsOf(rawRecords(server, r.session));
    const kinds = events.map((e) => e.kind);
    assert.ok(kinds.includes('session-start'), `${agent}: session start captured`);
    // `opencode run` quotes a message that has spaces: the words are what must arrive.
    assert.equal(events.find((e) => e.kind === 'user-prompt')?.prompt?.replace(/^"|"$/g, ''), r.prompt, `${agent}: the prompt captured`);
    const failing = events.find((e) => e.kind !== 'pre-tool' && e.tool?.input?.includes(r.words.failing));
    assert.ok(failing, `${agent}: the failing command captured with its outcome (${kinds.join(', ')})`);
    assert.match(failing.tool?.output ?? '', /No such file or directory/, `${agent}: the command's error output`);
    assert.ok(existsSync(join(world.repo, r.words.file)), `${agent} really wrote ${r.words.file}`);
    assert.ok(events.some((e) => e.kind === 'post-tool' && JSON.stringify(e.tool).includes(r.words.file)), `${agent}: the file write captured`);
    if (expectEnd) assert.ok(kinds.includes('session-end'), `${agent}: session end captured`);
    // OpenCode's reply rides on session.idle, which `opencode run` may exit before sending.
    if (agent !== 'opencode') assert.ok(events.some((e) => e.kind === 'assistant-reply' && e.reply?.includes(r.words.reply)), `${agent}: the model's reply captured (${kinds.join(', ')})`);
  }

  /** The agent's memory_write_page wrote its page; its memory_query found Claude Code's decision. */
  function assertMcp(agent: DrivenAgent, r: Ran): void {
    const page = join(server.wikiDir, PROJECT, 'notes', `${r.words.tag}.md`);
    assert.ok(existsSync(page), `${agent}: memory_write_page wrote ${page}`);
    assert.match(readFileSync(page, 'utf8'), /paginated by cursor/);
    assert.match(toolResults(r.main.at(-1)!), /decisions\/0001-postgres\.md/, `${agent}: memory_query found the decision Claude Code wrote`);
  }

  async function assertPageAndHandoff(agent: DrivenAgent, r: Ran, state = 'open'): Promise<string> {
    const closed = await closedSession(server, r.session);
    assert.match(closed.pageText, new RegExp(r.prompt), `${agent}: the session page quotes the prompt`);
    assert.match(closed.pageText, new RegExp(r.words.file), `${agent}: the session page lists the file`);
    assert.equal(handoffState(server, closed.handoff).state, state);
    return closed.handoff;
  }

  /** The handoff the previous agent left is in this agent's first model request, then spent. */
  function assertReceived(agent: DrivenAgent, r: Ran, handoff: string, from: Ran): void {
    const first = JSON.stringify(r.main[0]?.body ?? {});
    assert.ok(first.includes(HANDOFF_HEADER), `${agent}: the first model request carries the pending handoff`);
    assert.ok(first.includes(handoff) && first.includes(from.prompt), `${agent}: it is handoff ${handoff}, with the previous session's prompt; its handoff part was:\n${first.slice(first.lastIndexOf(HANDOFF_HEADER), first.lastIndexOf(HANDOFF_HEADER) + 3000)}`);
    const state = handoffState(server, handoff);
    assert.equal(state.state, 'accepted');
    assert.equal(state.accepted_by, agent);
  }

  /**
   * Gemini CLI fires PreCompress (trigger auto) before each turn whether or not it compresses:
   * a short session must show no compaction and get no checkpoint commit.
   */
  async function assertNoFalseCompaction(r: Ran): Promise<void> {
    assert.ok(r.hooks.some((h) => h.event === 'PreCompress'), 'gemini-cli fired PreCompress (the check this guards)');
    const rows = foldTimeline(eventsOf(rawRecords(server, r.session)));
    assert.deepEqual(rows.filter((row) => row.type === 'marker' && /compact/.test(row.kind)), [], 'no compaction in the timeline');
    assert.doesNotMatch((await closedSession(server, r.session)).pageText, /pre-compact/, 'no compaction in the session page');
    const subjects = commitSubjects(server.wikiDir);
    assert.deepEqual(subjects.filter((s) => s.includes('checkpoint before compaction')), [], 'no checkpoint commit');
  }

  const NEXT_STEP = 'Next step: add the migration before deploying.';
  const OPEN_QUESTION = 'Open question: do quotas reset daily or monthly?';
  const words = (tag: string): SessionWords => ({ tag, failing: `missing-${tag}-dir`, file: `notes-${tag}.txt`, reply: `Finished the ${tag} task` });
  const handoffs: string[] = [];

  it('Claude Code: hooks capture a real session, MCP tools answer with real results', async (t) => {
    // The reply ends the way a real one does mid-task: a next step and a question for the user.
    const closing = { ...words('claude'), reply: `Finished the claude task. ${NEXT_STEP} ${OPEN_QUESTION}` };
    const r = await runAgent(t, 'claude-code', closing, 'Write the release notes for the orders service');
    if (!r) return;
    assertCaptured('claude-code', r, true);
    handoffs.push(await assertPageAndHandoff('claude-code', r));
    // memory_write_page wrote a real page, and memory_query (the next call) found it.
    assert.match(readFileSync(join(server.wikiDir, 'default/shop-api/decisions/0001-postgres.md'), 'utf8'), /Postgres 16/);
    const queryResult = toolResults(r.main.at(-1)!);
    assert.match(queryResult, /decisions\/0001-postgres\.md/, 'memory_query returned the page written a moment before');
    assert.match(toolResults(r.main.at(-2)!), /0001-postgres/, 'memory_write_page answered with the written path');
    checkFixtures('claude-code', AGENT_PACKAGES['claude-code'].version, fixtureFiles(r.hooks, { [world.repo]: '<repo>', [r.box.home]: '<home>' }));
  });

  it('Codex: receives the Claude Code handoff in its first request; its hooks capture the session', async (t) => {
    const r = await runAgent(t, 'codex', words('codex'), 'Add pagination to the orders list');
    if (!r) return;
    const previous = ran['claude-code'];
    if (previous) {
      assertReceived('codex', r, handoffs.at(-1)!, previous);
      // Where Claude Code stopped reaches Codex's model: the next step, the open question, and
      // the command that failed and was never fixed.
      const first = JSON.stringify(r.main[0]?.body ?? {});
      assert.ok(first.includes('add the migration before deploying'), 'codex: the next step is in its first model request');
      assert.ok(first.includes('do quotas reset daily or monthly?'), 'codex: the open question is in its first model request');
      assert.ok(first.includes(`ls ${previous.words.failing}`), 'codex: the unfixed failing command is in its first model request');
    }
    // Codex has no session-end hook: its session closes when the next one starts (below).
    assertCaptured('codex', r, false);
    assertMcp('codex', r);
    checkFixtures('codex', AGENT_PACKAGES.codex.version, fixtureFiles(r.hooks, { [world.repo]: '<repo>', [r.box.home]: '<home>' }));
  });

  it('Gemini CLI: closes the Codex session, receives its handoff, and is captured in turn', async (t) => {
    const r = await runAgent(t, 'gemini-cli', words('gemini'), 'Document the pagination parameters');
    if (!r) return;
    const codex = ran.codex;
    if (codex) {
      const handoff = await assertPageAndHandoff('codex', codex, 'accepted');
      // Codex wrote its file with a shell redirect (`printf ... > notes-codex.txt`): a file changed all the same.
      assert.deepEqual(handoffState(server, handoff).files_touched, [codex.words.file], 'codex: the file its shell command wrote is a file changed');
      assertReceived('gemini-cli', r, handoff, codex);
      assert.ok(!JSON.stringify(r.main[0]?.body).includes(handoffs.at(-1)!), 'the spent Claude Code handoff does not come back');
      handoffs.push(handoff);
    }
    assertCaptured('gemini-cli', r, true);
    handoffs.push(await assertPageAndHandoff('gemini-cli', r));
    assertMcp('gemini-cli', r);
    await assertNoFalseCompaction(r);
    checkFixtures('gemini-cli', AGENT_PACKAGES['gemini-cli'].version, fixtureFiles(r.hooks, { [world.repo]: '<repo>', [r.box.home]: '<home>' }));
  });

  it('OpenCode: its generated plugin puts the Gemini CLI handoff in the system prompt and captures the session', async (t) => {
    const r = await runAgent(t, 'opencode', words('opencode'), 'Check the pagination docs');
    if (!r) return;
    const gemini = ran['gemini-cli'];
    if (gemini) assertReceived('opencode', r, handoffs.at(-1)!, gemini);
    // OpenCode has no session end either (session.idle ends a turn): it closes at the next start.
    assertCaptured('opencode', r, false);
    assertMcp('opencode', r);
    // session.idle is sent by the plugin's queue while `opencode run` exits: whether it makes it varies.
    const settled = r.hooks.filter((h) => h.event !== 'session.idle');
    checkFixtures('opencode', AGENT_PACKAGES.opencode.version, fixtureFiles(settled, { [world.repo]: '<repo>', [r.box.home]: '<home>' }));
  });

  it('Claude Code again: closes the OpenCode session, receives its handoff; no spent handoff comes back', async (t) => {
    const previous = ran.opencode ?? ran['gemini-cli'];
    if (!previous) return t.skip('no agent ran before');
    const box = (await runAgent(t, 'claude-code', { ...words('claude-again'), reply: 'Nothing left to do' }, 'Where did we leave off?', { calls: [], reply: 'Nothing left to do' }))!;
    if (ran.opencode) handoffs.push(await assertPageAndHandoff('opencode', ran.opencode, 'accepted'));
    assertReceived('claude-code', box, handoffs.at(-1)!, previous);
    const first = JSON.stringify(box.main[0]?.body);
    for (const spent of handoffs.slice(0, -1)) assert.ok(!first.includes(spent), `spent handoff ${spent} does not come back`);
    assert.deepEqual(handoffs.filter((id) => handoffState(server, id).state !== 'accepted'), [], 'every handoff was delivered exactly once');
  });

  it('uninstall --all --apply gives every agent config back as it was before install', async (t) => {
    if (Object.keys(ran).length === 0) return t.skip('no agent ran');
    for (const box of [...Object.values(ran).map((r) => r.box), ...boxes]) await box.aiMemory(['uninstall', '--all', '--apply']);
    for (const [path, { before, rewritten }] of pristine) {
      const now = readOrNull(path);
      // Claude Code keeps its own state in ~/.claude.json and rewrites it as it runs: no byte
      // comparison is possible there, but nothing of ai-memory may remain.
      if (rewritten) assert.ok(now === null || !/ai-memory/.test(now), `${path} still mentions ai-memory after uninstall:\n${now}`);
      else assert.equal(now, before, `${path} is back to its bytes before install`);
    }
  });
});

function readOrNull(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

/** The tool results the agent sent back in a request (the last user turn), as text. */
function toolResults(request: ModelRequest): string {
  const body = request.body as { messages?: unknown[]; contents?: unknown[]; input?: unknown[] };
  const turns = body.messages ?? body.contents ?? body.input ?? [];
  return JSON.stringify(turns.slice(-2));
}
