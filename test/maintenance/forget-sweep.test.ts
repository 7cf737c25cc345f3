import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { SweepReport } from '../../lib/core/maintenance/reports.js';
import { runCli } from '../helpers/cli.js';
import { commitSubjects, fsck, git } from '../helpers/git.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { daysAgo, putFile, waitForCleanTree } from './helpers.js';

const P = 'default/demo';

describe('forget-sweep against a real server', () => {
  it('forgets decayed and expired pages in one commit, keeps the rest, and a dry run changes nothing', async () => {
    const first = await startTestServer();
    await first.client.writePage({ workspace: 'default', project: 'demo', path: 'notes/anchor.md', body: '# Anchor\n' });
    await first.stop();
    const wiki = first.wikiDir;
    const session = (age: number, extra: Record<string, unknown> = {}) => ({ kind: 'session', tier: 'episodic', created: daysAgo(age), ...extra });
    await putFile(wiki, `${P}/sessions/old.md`, session(200), '# Old session\n');
    await putFile(wiki, `${P}/sessions/recent.md`, session(2), '# Recent session\n');
    await putFile(wiki, `${P}/sessions/read-often.md`, session(120), '# Often read session\n');
    await putFile(wiki, `${P}/sessions/pinned-old.md`, session(300, { pinned: true }), '# Pinned old session\n');
    await putFile(wiki, `${P}/decisions/old-decision.md`, { created: daysAgo(300) }, '# Old decision\n');
    await putFile(wiki, `${P}/notes/expired-pinned.md`, { pinned: true, expires_at: '2020-01-01' }, '# Expired but pinned\n');
    await putFile(wiki, `${P}/handoffs/open.md`, { kind: 'handoff', state: 'open', created: daysAgo(200) }, '# Open handoff\n');
    // 50 reads, the last two days ago, persisted by an earlier server run.
    await mkdir(join(first.dataDir, 'logs'), { recursive: true });
    await writeFile(join(first.dataDir, 'logs', 'access.jsonl'), `${JSON.stringify({ p: `${P}/sessions/read-often.md`, t: Date.parse(daysAgo(2)), n: 50 })}\n`);

    const server = await first.restart();
    await waitForCleanTree(wiki);
    const headBefore = git(wiki, 'rev-parse', 'HEAD').trim();

    const env = { AI_MEMORY_SERVER_URL: server.url };
    const dry = await runCli(['forget-sweep', '--dry-run', '--json'], { env });
    assert.equal(dry.code, 0, dry.stderr);
    const preview = JSON.parse(dry.stdout) as SweepReport;
    assert.equal(preview.dry_run, true);
    assert.deepEqual(preview.evicted.map((e) => e.path), ['sessions/old.md']);
    assert.deepEqual(preview.deleted.map((e) => e.path), ['notes/expired-pinned.md']);
    assert.equal(git(wiki, 'rev-parse', 'HEAD').trim(), headBefore, 'a dry run makes no commit');
    assert.ok(existsSync(join(wiki, P, 'sessions/old.md')));

    const real = await runCli(['forget-sweep'], { env });
    assert.equal(real.code, 0, real.stderr);
    assert.match(real.stdout, /^Forgot 2 of 8 pages \(1 decayed, 1 expired\)\./);
    assert.match(real.stdout, /default\/demo\/sessions\/old.md {2}\(retention 0\.01\d+\)/);

    for (const gone of ['sessions/old.md', 'notes/expired-pinned.md']) assert.ok(!existsSync(join(wiki, P, gone)), `${gone} removed`);
    for (const kept of ['sessions/recent.md', 'sessions/read-often.md', 'sessions/pinned-old.md', 'decisions/old-decision.md', 'handoffs/open.md']) {
      assert.ok(existsSync(join(wiki, P, kept)), `${kept} kept`);
    }
    assert.equal(git(wiki, 'rev-list', '--count', `${headBefore}..HEAD`).trim(), '1', 'one commit');
    assert.match(commitSubjects(wiki)[0]!, /^Forget sweep: remove 2 pages \(1 decayed, 1 expired\)$/);
    assert.equal(git(wiki, 'show', `HEAD^:${P}/sessions/old.md`).includes('# Old session'), true, 'git still has it');
    fsck(wiki);

    const hits = await server.client.search({ q: 'old session', workspace: 'default', project: 'demo' });
    assert.ok(!hits.hits.some((h) => h.path === 'sessions/old.md'), 'the index forgot it too');
    const again = await server.client.forgetSweep({});
    assert.deepEqual([again.evicted.length, again.deleted.length, again.commit], [0, 0, undefined]);
  });

  it('counts page reads and query hits in an access log that survives a restart', async () => {
    const server = await startTestServer();
    await server.client.writePage({ workspace: 'default', project: 'demo', path: 'notes/kiwi.md', body: '# Kiwi notes\n\nkiwi fruit\n' });
    await server.client.readPage({ workspace: 'default', project: 'demo' }, 'notes/kiwi.md');
    await server.client.search({ q: 'kiwi', workspace: 'default', project: 'demo' });
    const log = join(server.dataDir, 'logs', 'access.jsonl');
    const text = await waitFor(async () => (existsSync(log) ? readFile(log, 'utf8') : ''), 'the access log to be written');
    // Throttled: one record per page per minute, however often it was surfaced.
    assert.equal(text.trim().split('\n').length, 1);
    assert.equal((JSON.parse(text) as { p: string }).p, `${P}/notes/kiwi.md`);
    const restarted = await server.restart();
    assert.equal(restarted.running.deps.store.access.get(`${P}/notes/kiwi.md`)?.count, 1);
  });

  it('refuses a lone project name and an unknown project with a clear error, changing nothing', async () => {
    const server = await startTestServer();
    const response = await fetch(`${server.url}/admin/forget-sweep`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspace: 'default', project: 'nope' }),
    });
    assert.equal(response.status, 404);
    assert.match(((await response.json()) as { error: string }).error, /no project default\/nope/);
  });
});

describe('maintenance routes and the root token', () => {
  it('refuse a user token once users exist, and accept the root token', async () => {
    const { createClient } = await import('../../lib/client/client.js');
    const server = await startTestServer({ authToken: 'root-secret' });
    const root = createClient({ serverUrl: server.url, authToken: 'root-secret' });
    await root.writePage({ workspace: 'default', project: 'demo', path: 'notes/a.md', body: '# A\n' });
    const { token } = await root.addUser('ada');
    const ada = createClient({ serverUrl: server.url, authToken: token });
    for (const attempt of [() => ada.forgetSweep({ dry_run: true }), () => ada.lint({ dry_run: true }), () => ada.embed({ dry_run: true })]) {
      await assert.rejects(attempt(), (error: Error & { code?: string }) => error.code === 'FORBIDDEN' && /root token/.test(error.message));
    }
    const anonymous = await fetch(`${server.url}/admin/lint`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(anonymous.status, 401);
    assert.equal((await root.lint({ dry_run: true })).dry_run, true);
    // Catch-up is a read: any authenticated user may ask.
    assert.equal((await ada.catchUp({ workspace: 'default', project: 'demo' })).mode, 'briefing');
  });
});
