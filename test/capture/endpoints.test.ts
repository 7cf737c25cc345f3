import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const post = (server: TestServer, query: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${server.url}/hook?${query}`, { method: 'POST', headers, body });

function event(session: string, kind: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ session_id: session, cwd: '/work/demo-app', hook_event_name: kind, ...extra });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

async function finishedSession(server: TestServer, session: string) {
  for (const [kind, extra] of [
    ['SessionStart', {}],
    ['UserPromptSubmit', { prompt: 'Ship the exporter' }],
    ['PostToolUse', { tool_name: 'Bash', tool_input: { command: 'npm test' }, tool_response: 'ok' }],
    ['SessionEnd', { reason: 'exit' }],
  ] as const) {
    assert.equal((await post(server, 'agent=claude-code', event(session, kind, extra))).status, 202);
  }
  await waitFor(() => existsSync(join(server.wikiDir, 'default/demo-app/handoffs')), 'the handoff');
}

describe('capture endpoints', () => {
  it('delivers one pending handoff exactly once to 20 simultaneous requests', async () => {
    const server = await startTestServer();
    await finishedSession(server, 'left-one');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => fetch(`${server.url}/handoff?agent=codex&cwd=/work/demo-app&session_id=receiver-${i}`).then(async (r) => ({ status: r.status, text: await r.text() }))),
    );
    assert.ok(responses.every((r) => r.status === 200));
    const delivered = responses.filter((r) => r.text.includes('ai-memory: pending handoff'));
    assert.equal(delivered.length, 1);
    assert.equal(responses.filter((r) => r.text === '').length, 19);
  });

  it('matches a left directory on path boundaries within a project', async () => {
    const server = await startTestServer();
    const send = (session: string, kind: string, cwd: string, extra: Record<string, unknown> = {}) =>
      post(server, 'agent=claude-code&workspace=default&project=mono', JSON.stringify({ session_id: session, cwd, hook_event_name: kind, ...extra }));
    await send('api-session', 'UserPromptSubmit', '/repo', { prompt: 'work in the repo root' });
    await send('api-session', 'SessionEnd', '/repo');
    await waitFor(() => existsSync(join(server.wikiDir, 'default/mono/handoffs')), 'the handoff');
    const ask = (cwd: string) => fetch(`${server.url}/handoff?agent=codex&workspace=default&project=mono&cwd=${encodeURIComponent(cwd)}`).then((r) => r.text());
    assert.equal(await ask('/repo-other'), '');
    assert.match(await ask('/repo/api'), /work in the repo root/);
  });

  it('keeps acknowledged events on disk and answers 202 only after they are there', async () => {
    const server = await startTestServer();
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => post(server, 'agent=codex', event('burst', 'PostToolUse', { tool_name: 'Bash', tool_input: { command: `echo ${i}` }, tool_response: `${i}` }))));
    assert.ok(responses.every((r) => r.status === 202));
    const lines = readFileSync(join(server.dataDir, 'raw/default/demo-app/burst.jsonl'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 50);
    assert.deepEqual(new Set(lines.map((l) => (JSON.parse(l) as { tool: { output: string } }).tool.output)).size, 50);
  });

  it('redacts secrets before anything is written, in the raw log and in the session page', async () => {
    const server = await startTestServer();
    const secret = 'sk-proj-abcdefghijklmnopqrstuvwxyz012345';
    await post(server, 'agent=claude-code', event('secretive', 'UserPromptSubmit', { prompt: `deploy with OPENAI_API_KEY=${secret} please` }));
    await post(server, 'agent=claude-code', event('secretive', 'PostToolUse', { tool_name: 'Bash', tool_input: { command: 'env' }, tool_response: { stdout: `GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\nBearer ${secret}`, stderr: '' } }));
    await post(server, 'agent=claude-code', event('secretive', 'SessionEnd'));
    const page = join(server.wikiDir, 'default/demo-app/sessions/secretive.md');
    await waitFor(() => existsSync(page), 'the session page');
    for (const file of [...filesUnder(join(server.dataDir, 'raw')), ...filesUnder(join(server.wikiDir, 'default'))]) {
      const text = readFileSync(file, 'utf8');
      assert.ok(!text.includes(secret) && !text.includes('ghp_abcdefghij'), `a secret leaked into ${relative(server.dataDir, file)}`);
    }
    assert.match(readFileSync(page, 'utf8'), /OPENAI_API_KEY=\[REDACTED\]/);
  });

  it('answers bad input with a clear 4xx and never writes outside the data dir', async () => {
    const server = await startTestServer();
    const notJson = await post(server, 'agent=claude-code', '{"session_id": "x", oops');
    assert.equal(notJson.status, 400);
    assert.match(((await notJson.json()) as { error: string }).error, /not valid JSON/);
    const badAgent = await post(server, 'agent=..%2F..%2Fetc', event('s', 'Stop'));
    assert.equal(badAgent.status, 400);
    assert.match(((await badAgent.json()) as { error: string }).error, /not a valid agent name/);
    const huge = await post(server, 'agent=codex', JSON.stringify({ session_id: 'big', prompt: 'x'.repeat(10 * 1024 * 1024) }));
    assert.equal(huge.status, 413);
    // Wrong types are captured safely rather than refused: a hook must not lose an event.
    const wrongTypes = await post(server, 'agent=codex', JSON.stringify({ session_id: 'typed', hook_event_name: 'PostToolUse', tool_name: ['x'], tool_response: { weird: [1, 2] }, cwd: 7 }));
    assert.equal(wrongTypes.status, 202);
    // An unknown agent with a well-formed name and an unknown event are kept as raw events.
    const unknown = await post(server, 'agent=devin&event=TeammateIdle', JSON.stringify({ session_id: 'devin-1', cwd: '/work/demo-app' }));
    assert.equal(unknown.status, 202);
    assert.equal(((await unknown.json()) as { kind: string }).kind, 'other');
    // Path-like session ids and project names stay inside raw/.
    for (const session of ['../../escape', '/etc/passwd', 'a/../../b', '..']) {
      assert.equal((await post(server, 'agent=codex&project=..%2F..%2Fhome', event(session, 'Stop'))).status, 202);
    }
    const everything = filesUnder(server.dataDir);
    assert.ok(everything.every((f) => f.startsWith(server.dataDir)));
    assert.ok(filesUnder(join(server.dataDir, 'raw')).every((f) => /raw\/default\/[a-z0-9._-]+\/[A-Za-z0-9_.-]+\.jsonl$/.test(f)), 'raw files have safe names');
  });

  it('answers 429 when too many events wait for the disk', async () => {
    const server = await startTestServer({ maxHookInFlight: 1 });
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => post(server, 'agent=codex', event(`s${i % 4}`, 'Stop')).then((r) => r.status)));
    assert.ok(statuses.includes(429), 'some requests were refused');
    assert.ok(statuses.includes(202), 'some were accepted');
  });

  it('takes a batch of events in order and reports how many it stored', async () => {
    const server = await startTestServer();
    const response = await fetch(`${server.url}/hook/batch`, {
      method: 'POST',
      body: JSON.stringify([
        { url: '/hook?agent=codex&event=UserPromptSubmit', body: { session_id: 'b1', cwd: '/work/demo-app', prompt: 'one' } },
        { agent: 'codex', event: 'Stop', body: { session_id: 'b1', cwd: '/work/demo-app' } },
        { agent: 'not a name!', body: {} },
      ]),
    });
    assert.equal(response.status, 202);
    const result = (await response.json()) as { accepted: number; failed_index: number };
    assert.deepEqual([result.accepted, result.failed_index], [2, 2]);
  });

  it('closes a quiet session after the idle timeout', async () => {
    const server = await startTestServer({ sessionIdleMinutes: 0.005 });
    await post(server, 'agent=codex', event('quiet', 'UserPromptSubmit', { prompt: 'a codex session that just stops' }));
    await waitFor(() => existsSync(join(server.wikiDir, 'default/demo-app/sessions/quiet.md')), 'the idle session closed');
    assert.match(await fetch(`${server.url}/handoff?agent=claude-code&cwd=/work/demo-app`).then((r) => r.text()), /a codex session that just stops/);
  });
});

describe('the hook command never hurts the agent', () => {
  it('exits 0 quickly with garbage on stdin or with the server down, printing a well-formed answer', async () => {
    const garbage = await runCli(['hook', '--agent', 'claude-code', '--event', 'SessionStart', '--server-url', 'http://127.0.0.1:9'], { input: 'not json at all' });
    assert.equal(garbage.code, 0);
    assert.equal(garbage.stdout.trim(), '{}');
    const started = Date.now();
    const down = await runCli(['hook', '--agent', 'codex', '--event', 'SessionStart', '--server-url', 'http://127.0.0.1:9'], { input: JSON.stringify({ session_id: 's', cwd: '/tmp' }) });
    assert.equal(down.code, 0);
    assert.equal(down.stdout.trim(), '{}');
    assert.match(down.stderr, /could not reach/);
    assert.ok(Date.now() - started < 5000);
    const capture = await runCli(['hook', '--agent', 'codex', '--event', 'Stop', '--server-url', 'http://127.0.0.1:9'], { input: '{}' });
    assert.deepEqual([capture.code, capture.stdout], [0, '']);
    const noArgs = await runCli(['hook'], { input: '' });
    assert.equal(noArgs.code, 0);
  });
});
