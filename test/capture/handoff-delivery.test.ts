import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { HandoffView, ProjectOverview, SessionsResponse } from '../../lib/core/contract-browse.js';
import { parseFrontmatter, splitPage } from '../../lib/core/frontmatter.js';
import { commitSubjects } from '../helpers/git.js';
import { call, httpClient } from '../mcp/helpers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const CWD = '/home/dev/src/quota-api';
const scope = { workspace: 'default', project: 'quota-api' };

async function post(server: TestServer, event: string, body: Record<string, unknown>): Promise<void> {
  const params = new URLSearchParams({ agent: 'claude-code', event, ...scope, cwd: CWD });
  const response = await fetch(`${server.url}/hook?${params}`, { method: 'POST', body: JSON.stringify({ cwd: CWD, hook_event_name: event, ...body }) });
  assert.equal(response.status, 202, await response.text());
}

async function sessionStart(server: TestServer, session: string): Promise<string> {
  await post(server, 'SessionStart', { session_id: session, source: 'startup' });
  const params = new URLSearchParams({ agent: 'codex', ...scope, cwd: CWD, session_id: session });
  return (await fetch(`${server.url}/handoff?${params}`)).text();
}

/** The session of issue 15: lint fails, a file is written, the reply names the next step and a question. */
async function quotaSession(server: TestServer, session: string, reply: string): Promise<void> {
  await post(server, 'SessionStart', { session_id: session, source: 'startup' });
  await post(server, 'UserPromptSubmit', { session_id: session, prompt: 'Add a per-account quota' });
  await post(server, 'PostToolUseFailure', { session_id: session, tool_name: 'Bash', tool_input: { command: 'npm run lint' }, error: "Exit code 1\nsrc/quota.js\n  3:1  error  'limit' is not defined  no-undef" });
  await post(server, 'PostToolUse', { session_id: session, tool_name: 'Read', tool_input: { file_path: `${CWD}/README.md` }, tool_response: { type: 'text' } });
  await post(server, 'PostToolUse', { session_id: session, tool_name: 'Write', tool_input: { file_path: `${CWD}/src/quota.js`, content: 'x' }, tool_response: { filePath: `${CWD}/src/quota.js`, success: true } });
  await post(server, 'Stop', { session_id: session, stop_hook_active: false, last_assistant_message: reply });
  await post(server, 'SessionEnd', { session_id: session, reason: 'exit' });
}

const project = (server: TestServer) => join(server.wikiDir, 'default/quota-api');

describe('a handoff carries where the session stopped, everywhere it is shown', () => {
  it('SessionStart block, handoff page, memory_handoff_list, the overview and the session page agree', async () => {
    const server = await startTestServer();
    await quotaSession(server, 'q1', 'Wrote src/quota.js.\n\nNext step: add the migration before deploying. Open question: do quotas reset daily or monthly?');
    await waitFor(() => commitSubjects(server.wikiDir)[0]?.startsWith('Session q1 (claude-code) ended'), 'the session close to be committed', 60_000);

    const file = readdirSync(join(project(server), 'handoffs'))[0]!;
    const page = readFileSync(join(project(server), 'handoffs', file), 'utf8');
    const fields = parseFrontmatter(splitPage(page).yaml).data;
    assert.equal(fields.title, 'Handoff: Add a per-account quota');
    assert.deepEqual(fields.next_steps, ['Add the migration before deploying.']);
    assert.deepEqual(fields.open_questions, ['Do quotas reset daily or monthly?']);
    assert.match((fields.unfixed_failures as string[])[0]!, /^`npm run lint` \(exit 1\) failed: .*'limit' is not defined/);
    assert.deepEqual(fields.files_touched, ['src/quota.js'], 'a file only read is not a file changed');
    assert.match(page, /\*\*Failures not fixed\*\*\n- `npm run lint` \(exit 1\) failed/);

    const mcp = await httpClient(server.url);
    try {
      const { handoffs } = await call<{ handoffs: HandoffView[] }>(mcp, 'memory_handoff_list', scope);
      const listed = handoffs[0]!;
      assert.equal(listed.title, 'Add a per-account quota');
      assert.deepEqual(listed.next_steps, ['Add the migration before deploying.']);
      assert.deepEqual(listed.open_questions, ['Do quotas reset daily or monthly?']);
      assert.match(listed.unfixed_failures[0]!, /^`npm run lint` \(exit 1\) failed: .*'limit' is not defined/);
      assert.deepEqual(listed.files_touched, ['src/quota.js']);
      assert.equal(listed.last_prompt, 'Add a per-account quota');
      assert.match(listed.last_reply!, /^Wrote src\/quota.js\./);
      assert.equal(listed.session_page, 'sessions/q1.md');
      const overview = (await (await fetch(`${server.url}/api/v1/workspaces/default/projects/quota-api/overview`)).json()) as ProjectOverview;
      assert.deepEqual(overview.pending_handoff, listed);
      // The web project page shows the same fields, the files changed among them.
      const web = await (await fetch(`${server.url}/web/w/default/quota-api`)).text();
      const panel = web.slice(web.indexOf('aria-label="Pending handoff"'), web.indexOf('</section>', web.indexOf('aria-label="Pending handoff"')));
      const shown: Array<[string, string]> = [['Next steps', 'Add the migration before deploying.'], ['Open questions', 'Do quotas reset daily or monthly?'], ['Failures not fixed', 'failed:'], ['Files changed', '<code>src/quota.js</code>']];
      for (const [heading, item] of shown) {
        assert.ok(panel.includes(`<strong>${heading}</strong>`) && panel.includes(item), `the web handoff panel has ${heading}: ${item}\n${panel}`);
      }
    } finally {
      await mcp.close();
    }

    const session = readFileSync(join(project(server), 'sessions/q1.md'), 'utf8');
    assert.match(session, /`assistant-reply` Wrote src\/quota.js\. Next step: add the migration/);
    assert.match(session, /## Failures not fixed\n\n- `npm run lint` \(exit 1\) failed/);

    const block = await sessionStart(server, 'q2');
    for (const fact of ['Add the migration before deploying', 'Do quotas reset daily or monthly?', '`npm run lint` (exit 1) failed', '`src/quota.js`']) assert.ok(block.includes(fact), `the block says ${fact}:\n${block}`);

    // A live session is titled by what it is about before its page exists.
    await post(server, 'UserPromptSubmit', { session_id: 'q2', prompt: 'Write the quota migration\nwith a down step' });
    const live = (await (await fetch(`${server.url}/api/v1/workspaces/default/projects/quota-api/sessions`)).json()) as SessionsResponse;
    const q2 = live.sessions.find((s) => s.session_id === 'q2');
    assert.deepEqual([q2?.open, q2?.title], [true, 'Write the quota migration']);
  });

  it('a session that began with "Continue where we left off" is titled after the work it picked up', async () => {
    const server = await startTestServer();
    await quotaSession(server, 'c1', 'Wrote src/quota.js.\n\nNext step: add the migration before deploying.');
    await waitFor(() => commitSubjects(server.wikiDir)[0]?.startsWith('Session c1 (claude-code) ended'), 'the first session close to be committed', 60_000);
    // The next morning: the agent gets the handoff, the person says only "continue".
    assert.match(await sessionStart(server, 'c2'), /Add a per-account quota/);
    await post(server, 'UserPromptSubmit', { session_id: 'c2', prompt: 'Continue where we left off' });
    await post(server, 'PostToolUse', { session_id: 'c2', tool_name: 'Write', tool_input: { file_path: `${CWD}/migrations/001-quota.sql`, content: 'x' }, tool_response: { success: true } });
    await post(server, 'Stop', { session_id: 'c2', stop_hook_active: false, last_assistant_message: 'Added the migration.' });
    await post(server, 'SessionEnd', { session_id: 'c2', reason: 'exit' });
    await waitFor(() => commitSubjects(server.wikiDir)[0]?.startsWith('Session c2 (claude-code) ended'), 'the second session close to be committed', 60_000);
    assert.equal(commitSubjects(server.wikiDir)[0], 'Session c2 (claude-code) ended: Continued: Add a per-account quota');
    const session = parseFrontmatter(splitPage(readFileSync(join(project(server), 'sessions/c2.md'), 'utf8')).yaml).data;
    assert.equal(session.title, 'Continued: Add a per-account quota');
    // And the morning after, the handoff it left says what the work is, not "Continue where we left off".
    assert.match(await sessionStart(server, 'c3'), /### Continued: Add a per-account quota\n/);
    // c3 only asks where things stand and ends: the file c2 changed still reaches c4.
    await post(server, 'UserPromptSubmit', { session_id: 'c3', prompt: 'Where did we leave off?' });
    await post(server, 'Stop', { session_id: 'c3', stop_hook_active: false, last_assistant_message: 'The migration was written last.' });
    await post(server, 'SessionEnd', { session_id: 'c3', reason: 'exit' });
    await waitFor(() => commitSubjects(server.wikiDir)[0]?.startsWith('Session c3 (claude-code) ended'), 'the third session close to be committed', 60_000);
    const c4 = await sessionStart(server, 'c4');
    assert.match(c4, /- Last request: Where did we leave off\?\n/);
    assert.match(c4, /\*\*Files changed\*\*\n- `migrations\/001-quota.sql`/);
  });

  it('a smaller budget from the configuration keeps the block within it and says what it left out', async () => {
    // 400: the header, the security note and the footer take about 270 tokens of any block.
    const server = await startTestServer({ handoffBudgetTokens: 400 });
    const steps = Array.from({ length: 8 }, (_, i) => `- Port handler number ${i + 1} to the new quota middleware and cover it with a test`).join('\n');
    await quotaSession(server, 'b1', `Partly done.\n\n## Next steps\n${steps}\n\nWe decided to keep quotas in Postgres instead of Redis.`);
    await waitFor(() => commitSubjects(server.wikiDir)[0]?.startsWith('Session b1 (claude-code) ended'), 'the session close to be committed', 60_000);
    const block = await sessionStart(server, 'b2');
    assert.ok(block.length <= 400 * 4, `${block.length} characters`);
    // The first step is in the Next steps list (the reply's own copy of the list is not repeated).
    assert.match(block, /\*\*Next steps\*\*\n- Port handler number 1 /);
    assert.equal(block.split('Port handler number 1 ').length, 2);
    assert.match(block, /_Left out to stay within 400 tokens: [^_]*(next steps|failure|file|decision|the summary)/);
  });
});
