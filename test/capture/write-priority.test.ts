import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commitSubjects, fsck } from '../helpers/git.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const SESSIONS = 30;
const PROJECTS = 3;

function hook(server: TestServer, session: number, kind: string, extra: Record<string, unknown> = {}) {
  return fetch(`${server.url}/hook?agent=claude-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session_id: `burst-${session}`, cwd: `/work/burst-${session % PROJECTS}`, hook_event_name: kind, ...extra }),
  });
}

const sessionPage = (server: TestServer, session: number) => join(server.wikiDir, `default/burst-${session % PROJECTS}/sessions/burst-${session}.md`);

describe('explicit writes under a burst of session closes', () => {
  it('a page write made while many session closes are queued completes before them, and every session still closes once', async () => {
    const server = await startTestServer();
    const sessions = Array.from({ length: SESSIONS }, (_, s) => s);
    for (const s of sessions) {
      assert.equal((await hook(server, s, 'UserPromptSubmit', { prompt: `session ${s}: ship the exporter` })).status, 202);
      assert.equal((await hook(server, s, 'PostToolUse', { tool_name: 'Bash', tool_input: { command: `npm test ${s}` }, tool_response: 'ok' })).status, 202);
    }
    // All sessions end at once: thirty closes (page, handoff, commit each) queue in the writer.
    const ends = await Promise.all(sessions.map((s) => hook(server, s, 'SessionEnd', { reason: 'exit' })));
    assert.ok(ends.every((r) => r.status === 202));

    const written = await server.client.writePage({ workspace: 'default', project: 'notes', path: 'decisions/urgent.md', body: '# Urgent decision\n\nUse the priority lane.\n' });
    assert.equal(written.status, 'created');
    const closedWhenWritten = sessions.filter((s) => existsSync(sessionPage(server, s))).length;
    assert.ok(closedWhenWritten < SESSIONS, `the page write did not wait for the session backlog (${closedWhenWritten}/${SESSIONS} closed)`);
    // Read-your-writes: the page is searchable the moment its write returned.
    const found = await server.client.search({ workspace: 'default', project: 'notes', q: 'priority lane' });
    assert.equal(found.hits[0]?.path, 'decisions/urgent.md');

    // A handoff request for one project waits for (and promotes) that project's closes only.
    const handoff = await fetch(`${server.url}/handoff?agent=codex&cwd=/work/burst-0`).then((r) => r.text());
    assert.match(handoff, /ai-memory: pending handoff/);
    for (const s of sessions.filter((x) => x % PROJECTS === 0)) assert.ok(existsSync(sessionPage(server, s)), `session ${s} of the asked project is closed`);

    // Background work still finishes: every session closed into its page, each exactly once.
    await waitFor(() => sessions.every((s) => existsSync(sessionPage(server, s))), 'every session page', 30_000);
    // A page is on disk a moment before its commit: wait for the writer to finish.
    await server.running.deps.store.writer.drain();
    const subjects = commitSubjects(server.wikiDir).reverse();
    const pageAt = subjects.findIndex((subject) => subject.includes('decisions/urgent.md'));
    for (const s of sessions) {
      const closes = subjects.filter((subject) => subject.startsWith(`Session burst-${s} (`) && subject.includes(' ended: '));
      assert.equal(closes.length, 1, `session ${s} closed once`);
    }
    const closedAfter = subjects.slice(pageAt + 1).filter((subject) => subject.startsWith('Session burst-')).length;
    assert.ok(closedAfter >= SESSIONS / 2, `most session closes were committed after the page write (${closedAfter}/${SESSIONS})`);
    fsck(server.wikiDir);
  });
});
