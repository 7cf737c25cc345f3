import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { MemoryClient } from '../../lib/client/client.js';
import { captureSession, hits } from '../lifecycle/helpers.js';
import { call, httpClient } from '../mcp/helpers.js';
import { commitSubjects, fsck, git } from '../helpers/git.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Each write path, end to end, with the watcher off: nothing but the write path itself can
 * index or commit what it wrote. After each call returns, the index already answers with the
 * new content (read-your-writes), the newest commit is the path's own, and `git status` is
 * clean. The paths here had no such test; page writes, lint, the forget sweep and sync have
 * theirs (integration/pages, maintenance/*, lifecycle/sync).
 */
const demo = { workspace: 'default', project: 'demo' };

interface Handoff {
  id: string;
  state: string;
  summary: string;
}

/** The newest commit is `subject`, holds `paths`, and the work tree is clean. */
async function committed(server: TestServer, subject: RegExp, paths: string[]): Promise<void> {
  const wiki = server.wikiDir;
  assert.match(commitSubjects(wiki)[0] ?? '', subject);
  const inCommit = git(wiki, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n');
  for (const path of paths) assert.ok(inCommit.includes(path), `${path} is in the commit (${inCommit.join(', ')})`);
  // git's own index is brought up to date a moment after the commit; the tree itself is not.
  await waitFor(() => git(wiki, 'status', '--porcelain').trim() === '', `a clean git status after "${subject.source}"`, 60_000);
}

/** The index holds the page exactly as it is on disk. */
async function indexedAsOnDisk(server: TestServer, path: string): Promise<void> {
  const text = readFileSync(join(server.wikiDir, 'default/demo', path), 'utf8');
  const page = await server.client.readPage(demo, path);
  assert.equal(page.indexed_hash, createHash('sha1').update(text).digest('hex'), `the index has ${path} as written`);
}

async function handoffs(mcp: Client, state: string): Promise<Handoff[]> {
  return (await call<{ handoffs: Handoff[] }>(mcp, 'memory_handoff_list', { ...demo, state })).handoffs;
}

async function begin(mcp: Client, summary: string): Promise<string> {
  return (await call<{ handoff_id: string }>(mcp, 'memory_handoff_begin', { ...demo, summary, next_steps: ['carry on'] })).handoff_id;
}

async function paths(client: MemoryClient, project = 'demo'): Promise<string[]> {
  return (await client.pages({ workspace: 'default', project })).pages.map((p) => p.path).sort();
}

describe('every write path indexes and commits its own writes', () => {
  it('feedback, handoffs, delete, bootstrap, session close, rename and purge', async () => {
    const server = await startTestServer({ watch: false });
    const { client } = server;
    const mcp = await httpClient(server.url);
    try {
      await client.writePage({ ...demo, path: 'notes/alpha.md', title: 'Alpha', body: 'The quokkafern migration plan.\n' });

      await call(mcp, 'memory_feedback', { ...demo, path: 'notes/alpha.md', signal: 'stale', reason: 'the plan changed' });
      await indexedAsOnDisk(server, 'notes/alpha.md');
      await committed(server, /^Feedback on default\/demo\/notes\/alpha\.md: stale \(the plan changed\)$/, ['default/demo/notes/alpha.md']);

      const begun = await begin(mcp, 'Halfway through the wombatgrass refactor');
      assert.deepEqual((await handoffs(mcp, 'open')).map((h) => h.id), [begun]);
      await indexedAsOnDisk(server, `handoffs/${begun}.md`);
      await committed(server, new RegExp(`^Handoff ${begun} begun by mcp$`), [`default/demo/handoffs/${begun}.md`]);

      const accepted = await call<{ status: string }>(mcp, 'memory_handoff_accept', { ...demo, handoff_id: begun });
      assert.equal(accepted.status, 'claimed');
      assert.deepEqual((await handoffs(mcp, 'accepted')).map((h) => h.id), [begun]);
      await committed(server, new RegExp(`^Handoff ${begun} accepted by mcp$`), [`default/demo/handoffs/${begun}.md`]);

      const cancelled = await begin(mcp, 'Left by mistake');
      await call(mcp, 'memory_handoff_cancel', { ...demo, handoff_id: cancelled });
      assert.deepEqual((await handoffs(mcp, 'open')).map((h) => h.id), []);
      assert.deepEqual((await handoffs(mcp, 'expired')).map((h) => h.id), [cancelled]);
      await committed(server, new RegExp(`^Handoff ${cancelled} cancelled$`), [`default/demo/handoffs/${cancelled}.md`]);

      // Delivery at a session start claims the handoff in the same kind of job.
      const delivered = await begin(mcp, 'Pick up the platypusmoss fix');
      const block = await fetch(`${server.url}/handoff?agent=codex&cwd=/work/demo&session_id=next`).then((r) => r.text());
      assert.match(block, /platypusmoss/);
      assert.ok((await handoffs(mcp, 'accepted')).some((h) => h.id === delivered));
      await committed(server, new RegExp(`^Handoff ${delivered} accepted by codex$`), [`default/demo/handoffs/${delivered}.md`]);

      const deleted = await client.deletePage({ ...demo, path: 'notes/alpha.md' });
      assert.equal(deleted.deleted, true);
      assert.deepEqual(await hits(client, 'quokkafern', 'demo'), []);
      assert.ok(!(await paths(client)).includes('notes/alpha.md'));
      await committed(server, /^Delete default\/demo\/notes\/alpha\.md: Alpha$/, ['default/demo/notes/alpha.md']);

      const readme = { path: 'README.md', text: '# Demo\n\nDemo keeps the numbatreed ledger.\n' };
      const seeded = await client.bootstrap({ ...demo, name: 'Demo', readme, docs: [], rules: [], history: [], hot_files: [], modules: [] });
      assert.ok(seeded.commit);
      assert.ok((await hits(client, 'numbatreed', 'demo')).length > 0, 'a seed page is searchable at once');
      for (const page of seeded.pages) await indexedAsOnDisk(server, page.path);
      await committed(server, /^Bootstrap default\/demo: /, seeded.pages.map((p) => `default/demo/${p.path}`));

      // Nobody waits on a session close (it runs in the background lane): captureSession waits
      // until search has the page, which the job indexes just before it commits.
      await captureSession(server.url, server.wikiDir, 'demo', 'closing-session', 'echidnabark cleanup');
      await waitFor(() => commitSubjects(server.wikiDir)[0]?.startsWith('Session closing-session'), 'the session close to commit', 60_000);
      await indexedAsOnDisk(server, 'sessions/closing-session.md');
      await committed(server, /^Session closing-session \(claude-code\) ended: /, ['default/demo/sessions/closing-session.md']);

      const before = await paths(client);
      const renamed = await client.renameProject({ workspace: 'default', from: 'demo', to: 'demo-two' });
      assert.equal(renamed.files_moved, before.length + 1, 'every page and the manifest moved');
      assert.deepEqual(await paths(client, 'demo-two'), before);
      assert.ok((await hits(client, 'numbatreed', 'demo-two')).length > 0);
      await committed(server, /^Rename project default\/demo to default\/demo-two$/, ['default/demo-two/_project.md']);

      const purged = await client.purgeProject({ workspace: 'default', project: 'demo-two', confirm: true });
      assert.equal(purged.pages_removed, before.length);
      assert.deepEqual(await hits(client, 'numbatreed'), []);
      assert.ok(!(await client.projects()).projects.some((p) => p.project === 'demo-two'));
      assert.ok(!existsSync(join(server.wikiDir, 'default/demo-two')));
      await committed(server, /^Purge project default\/demo-two \(\d+ pages\)$/, ['default/demo-two/_project.md']);
      fsck(server.wikiDir);
    } finally {
      await mcp.close();
    }
  });
});
