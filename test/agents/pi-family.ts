import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HANDOFF_HEADER } from '../../lib/core/capture/handoff.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import type { SessionWords } from './drivers.js';
import { startFakeModel, type FakeModel, type ModelRequest } from './fake-model/server.js';
import { checkFixtures, FIXTURE_ROOT, fixtureFiles } from './fixtures.js';
import { startHookRecorder, type HookRecorder, type RecordedHook } from './hook-recorder.js';
import type { PiFamilyDriver } from './pi-drivers.js';
import { agentWorld, type AgentBox, type AgentWorld } from './sandbox.js';
import { closedSession, eventsOf, handoffState, PROJECT, rawRecords } from './world-state.js';

/**
 * One real Pi-family agent (Pi or Oh My Pi) with ai-memory's generated extension: it receives
 * the handoff a recorded Claude Code session left (posted to /hook as Claude Code's hooks would),
 * runs a failing command and a file write for the fake model, is captured (prompt, tools with
 * exit status, reply, session end), leaves its own page and handoff, gets that handoff (and not
 * the spent one) in its next session, and `uninstall --apply` gives its config back.
 */
type Cli = { command: string; args: string[]; path: string; version: string };
type Ran = { session: string; hooks: RecordedHook[]; main: ModelRequest[]; stdout: string };

export function describePiFamily(driver: PiFamilyDriver, title: string): void {
  const agent = driver.agent;
  describe(title, { timeout: 10 * 60_000 }, () => {
    let server: TestServer;
    let recorder: HookRecorder;
    let fake: FakeModel;
    let world: AgentWorld;
    let box: AgentBox;
    let cli: Cli | null = null;
    let skipReason = '';
    const pristine = new Map<string, string | null>();
    const words: SessionWords = { tag: agent, failing: `missing-${agent}-dir`, file: `notes-${agent}.txt`, reply: `Finished the ${agent} task` };
    const prompt = `Paginate the invoices list with ${agent}`;
    let first: Ran | null = null;
    let seed = { session: '', handoff: '', prompt: '' };

    before(async () => {
      const installing = driver.install();
      server = await startSuiteServer();
      recorder = await startHookRecorder(server.url);
      fake = await startFakeModel();
      world = await agentWorld();
      const installed = await installing;
      if (!installed.ok) skipReason = installed.reason;
      else cli = installed;
    });
    after(async () => {
      await fake?.close();
      await recorder?.close();
      await server?.dispose();
      await world?.dispose();
    });

    async function run(script: typeof fake.script, text: string): Promise<Ran> {
      fake.script = script;
      const [requestsBefore, hooksBefore] = [fake.requests.length, recorder.hooks.length];
      const result = await driver.run(box, cli!, text);
      assert.equal(result.code, 0, `${agent} exited with ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
      assert.match(result.stdout, new RegExp(script.reply), `${agent} printed the model's final reply`);
      // The last events of a headless run are posted by a detached process after the agent exits.
      const ours = () => recorder.hooks.slice(hooksBefore).filter((h) => h.agent === agent);
      await waitFor(() => ours().some((h) => h.event === 'session_shutdown'), `${agent}: session_shutdown posted`, 60_000);
      const hooks = ours();
      const start = hooks.find((h) => h.event === 'session_start')?.payload as { session_id?: string } | undefined;
      assert.ok(start?.session_id, `${agent} sent session_start with a session id (got ${hooks.map((h) => h.event).join(', ')})`);
      return { session: start.session_id, hooks, main: fake.requests.slice(requestsBefore).filter((r) => r.main), stdout: result.stdout };
    }

    it(`${agent}: receives the pending handoff, and its extension captures a real session`, async (t) => {
      if (!cli) return t.skip(skipReason);
      seed = await seedClaudeSession(server, world.repo);
      box = world.box(agent);
      driver.prepare(box, fake.url);
      for (const file of driver.configFiles) pristine.set(join(box.home, file), readOrNull(join(box.home, file)));
      if (driver.mcp) {
        await box.aiMemory(['install-mcp', '--client', agent, '--server-url', server.url, '--apply']);
        await warmMcpTools();
      }
      const install = await box.aiMemory(['install-hooks', '--agent', agent, '--server-url', recorder.url, '--apply']);
      assert.match(install.stdout + install.stderr, /ai-memory\.ts/, 'install-hooks names the extension file it wrote');
      first = await run(driver.script(world.repo, words), prompt);

      // The handoff Claude Code left is in the first model request, and is then spent.
      const firstRequest = JSON.stringify(first.main[0]?.body ?? {});
      assert.ok(firstRequest.includes(HANDOFF_HEADER) && firstRequest.includes(seed.handoff), `${agent}: the first model request carries handoff ${seed.handoff}`);
      assert.ok(firstRequest.includes(seed.prompt), `${agent}: with the previous session's prompt`);
      assert.deepEqual([handoffState(server, seed.handoff).state, handoffState(server, seed.handoff).accepted_by], ['accepted', agent]);

      // The recorder has seen session_shutdown; the server may still be writing it.
      const events = eventsOf(await waitFor(() => (eventsOf(rawRecords(server, first!.session)).some((e) => e.kind === 'session-end') ? rawRecords(server, first!.session) : null), `${agent}: session end captured`, 30_000));
      const kinds = events.map((e) => e.kind);
      assert.ok(kinds.includes('session-start'), `${agent}: session start captured (${kinds.join(', ')})`);
      assert.deepEqual(events.filter((e) => e.kind === 'user-prompt').map((e) => e.prompt), [prompt], `${agent}: the prompt captured, once`);
      const failing = events.find((e) => e.kind === 'post-tool' && e.tool?.input?.includes(words.failing));
      assert.ok(failing?.tool, `${agent}: the failing command captured (${kinds.join(', ')})`);
      assert.match(failing.tool.output ?? '', /No such file or directory/, `${agent}: the command's error output`);
      assert.deepEqual([failing.tool.failed, failing.tool.exit_code], [true, 2], `${agent}: the command's failure and exit code`);
      assert.ok(existsSync(join(world.repo, words.file)), `${agent} really wrote ${words.file}`);
      const write = events.find((e) => e.kind === 'post-tool' && e.tool?.name === 'write');
      assert.deepEqual(write?.tool?.files, [words.file], `${agent}: the file write captured with its file`);
      assert.ok(events.some((e) => e.kind === 'assistant-reply' && e.reply === words.reply), `${agent}: the model's reply captured (${kinds.join(', ')})`);
      assert.ok(kinds.indexOf('assistant-reply') < kinds.indexOf('session-end'), `${agent}: the reply arrives before the session end (${kinds.join(', ')}; hooks ${first.hooks.map((h) => h.event).join(', ')})`);

      const closed = await closedSession(server, first.session);
      assert.match(closed.pageText, new RegExp(prompt), `${agent}: the session page quotes the prompt`);
      assert.match(closed.pageText, new RegExp(words.file), `${agent}: the session page lists the file`);
      assert.match(closed.pageText, new RegExp(`ls ${words.failing}`), `${agent}: the session page lists the failed command`);
      assert.equal(handoffState(server, closed.handoff).state, 'open');
      if (driver.mcp) assertMcp(first);
      checkFixtures(agent, cli.version, fixtureFiles(first.hooks, { [world.repo]: '<repo>', [box.home]: '<home>' }));
    });

    /**
     * Oh My Pi gives MCP servers 250 ms at start; a server that answers later has its tools
     * offered from the agent's tool cache, which the first run after `install-mcp` fills. A
     * user who ran the agent before has that cache; on a loaded machine a first run may not.
     * So run it (hooks not yet installed, nothing captured) until a model request offers our tools.
     */
    async function warmMcpTools(): Promise<void> {
      const offered = (r: ModelRequest) => JSON.stringify(r.body).includes('memory_write_page');
      for (let attempt = 1; attempt <= 3; attempt++) {
        fake.script = { calls: [], reply: 'Ready' };
        const before = fake.requests.length;
        const result = await driver.run(box, cli!, 'Say ready');
        assert.equal(result.code, 0, `${agent} warm-up exited with ${result.code}\n${result.stderr}`);
        if (fake.requests.slice(before).some((r) => r.main && offered(r))) return;
      }
      assert.fail(`${agent}: three runs after install-mcp, no model request offered the memory tools: ${JSON.stringify((fake.requests.at(-1)?.body.tools as { function?: { name?: string } }[] | undefined)?.map((t) => t.function?.name))}`);
    }

    function assertMcp(r: Ran): void {
      const page = join(server.wikiDir, PROJECT, 'notes', `${words.tag}.md`);
      const toolResults = JSON.stringify((r.main.at(-1)?.body as { messages?: unknown[] }).messages?.slice(-4) ?? []).slice(0, 1500);
      assert.ok(existsSync(page), `${agent}: memory_write_page wrote ${page}; the last messages: ${toolResults}`);
      assert.match(readFileSync(page, 'utf8'), /paginated by cursor/);
      const last = JSON.stringify((r.main.at(-1)?.body as { messages?: unknown[] }).messages?.slice(-2) ?? []);
      assert.match(last, new RegExp(`notes/${words.tag}\\.md`), `${agent}: memory_query found the page it wrote`);
    }

    it(`${agent}: its next session gets its own handoff; the spent one does not come back`, async (t) => {
      if (!cli || !first) return t.skip(skipReason || 'the first session did not run');
      const own = (await closedSession(server, first.session)).handoff;
      const next = await run({ calls: [], reply: 'Nothing left to do' }, 'Where did we leave off?');
      const firstRequest = JSON.stringify(next.main[0]?.body ?? {});
      const shown = firstRequest.includes(HANDOFF_HEADER) ? firstRequest.slice(firstRequest.indexOf(HANDOFF_HEADER), firstRequest.indexOf(HANDOFF_HEADER) + 600) : 'no handoff';
      assert.ok(firstRequest.includes(own), `${agent}: its own handoff ${own} (${JSON.stringify(handoffState(server, own))}) arrives; the request had: ${shown}`);
      assert.ok(!firstRequest.includes(seed.handoff), `${agent}: the spent handoff ${seed.handoff} does not come back`);
      assert.equal(handoffState(server, own).state, 'accepted');
    });

    it(`${agent}: uninstall --all --apply gives the config back byte for byte`, async (t) => {
      if (!cli || pristine.size === 0) return t.skip(skipReason || 'the agent did not run');
      await box.aiMemory(['uninstall', '--all', '--apply']);
      for (const [path, bytes] of pristine) assert.equal(readOrNull(path), bytes, `${path} is back to its bytes before install`);
      const extensions = join(box.home, driver.configFiles[1]!, '..');
      // The backup uninstall keeps (ai-memory.ts.bak-<time>) is not a name the agent loads.
      const loadable = existsSync(extensions) ? readdirSync(extensions).filter((name) => /\.(ts|js)$/.test(name)) : [];
      assert.deepEqual(loadable, [], 'no extension the agent would load is left behind');
    });
  });
}

/** A Claude Code session as its hooks post it (the recorded 2.1.197 payloads), closed with a handoff. */
async function seedClaudeSession(server: TestServer, repo: string): Promise<{ session: string; handoff: string; prompt: string }> {
  const session = `seed-${Date.now()}`;
  const prompt = 'Write the release notes for the orders service';
  const dir = join(FIXTURE_ROOT, 'claude-code', '2.1.197');
  const order = ['SessionStart', 'UserPromptSubmit', 'PreToolUse.Bash', 'PostToolUseFailure.Bash', 'PreToolUse.Write', 'PostToolUse.Write', 'Stop', 'SessionEnd'];
  for (const name of order) {
    const text = readFileSync(join(dir, `${name}.json`), 'utf8').replaceAll('<repo>', repo).replaceAll('<uuid>', session).replaceAll('<home>', '/home/seed');
    const params = new URLSearchParams({ agent: 'claude-code', event: name.split('.')[0]!, workspace: 'default', project: 'shop-api', cwd: repo, session_id: session });
    const response = await fetch(`${server.url}/hook?${params}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    assert.equal(response.status, 202, `the seed ${name} was accepted`);
  }
  const closed = await closedSession(server, session);
  return { session, handoff: closed.handoff, prompt };
}

function readOrNull(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}
