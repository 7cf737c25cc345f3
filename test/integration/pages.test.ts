import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commitSubjects, fsck, git } from '../helpers/git.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out.sort();
}

describe('writing pages', () => {
  it('writes frontmatter and body atomically, indexes it and commits with a message naming the page', async () => {
    const server = await startTestServer();
    const result = await server.client.writePage({
      project: 'demo',
      path: 'decisions/0001-db.md',
      title: 'Standardised on Postgres',
      body: 'We picked PostgreSQL 16 for the main database.',
      pinned: true,
    });
    assert.equal(result.status, 'created');
    assert.equal(result.workspace, 'default');
    assert.ok(result.commit);

    const text = await readFile(join(server.wikiDir, 'default/demo/decisions/0001-db.md'), 'utf8');
    assert.match(text, /^---\ntitle: Standardised on Postgres\npinned: true\ncreated: \S+\nupdated: \S+\n---\nWe picked PostgreSQL 16/);
    const log = git(server.wikiDir, 'log', '--format=%s', '--', 'default/demo/decisions/0001-db.md');
    assert.equal(log.trim(), 'Create default/demo/decisions/0001-db.md: Standardised on Postgres');
    assert.match(git(server.wikiDir, 'log', '-p', '--', 'default/demo/decisions/0001-db.md'), /\+We picked PostgreSQL 16/);

    const search = await server.client.search({ q: 'postgres decision', workspace: 'default', project: 'demo' });
    assert.equal(search.hits[0]?.path, 'decisions/0001-db.md');
    assert.match(search.hits[0]!.snippet, /<mark>PostgreSQL<\/mark>/);

    const manifest = await readFile(join(server.wikiDir, 'default/demo/_project.md'), 'utf8');
    assert.match(manifest, /name: demo/);
    assert.match(manifest, /id: [0-9a-f-]{36}/);
  });

  it('makes no commit for an identical rewrite, and one commit for a real change', async () => {
    const server = await startTestServer();
    const write = { project: 'demo', path: 'notes/a.md', body: '# A\n\nfirst' };
    await server.client.writePage(write);
    const before = commitSubjects(server.wikiDir).length;
    const again = await server.client.writePage(write);
    assert.equal(again.status, 'unchanged');
    assert.equal(again.commit, undefined);
    assert.equal(commitSubjects(server.wikiDir).length, before);
    const changed = await server.client.writePage({ ...write, body: '# A\n\nsecond' });
    assert.equal(changed.status, 'updated');
    assert.equal(commitSubjects(server.wikiDir).length, before + 1);
  });

  it('lands 50 concurrent writes to the same and to different pages, each as its own commit', async () => {
    const server = await startTestServer();
    await server.client.writePage({ project: 'demo', path: 'notes/seed.md', body: 'seed' });
    const before = commitSubjects(server.wikiDir).length;
    const writes = Array.from({ length: 50 }, (_, i) =>
      server.client.writePage({
        project: i % 2 === 0 ? 'demo' : 'other',
        path: i % 5 === 0 ? 'notes/shared.md' : `notes/page-${i}.md`,
        body: `# Page ${i}\n\nunique-token-${i}`,
      }),
    );
    const results = await Promise.all(writes);
    assert.equal(results.filter((r) => r.status !== 'unchanged').length, 50);
    assert.equal(commitSubjects(server.wikiDir).length, before + 50); // the manifest of "other" rides along in its first write
    fsck(server.wikiDir);
    for (let i = 0; i < 50; i += 1) {
      if (i % 5 === 0) continue;
      const hits = await server.client.search({ q: `unique-token-${i}`, workspace: 'default', project: i % 2 === 0 ? 'demo' : 'other' });
      assert.equal(hits.hits[0]?.path, `notes/page-${i}.md`, `page ${i} searchable`);
    }
    // The git index (what `git status` compares against) catches up right after the commits.
    await waitFor(() => git(server.wikiDir, 'status', '--porcelain').trim() === '', 'a clean git status');
  });

  it('refuses paths and project names that escape, and writes nothing', async () => {
    const server = await startTestServer();
    await server.client.writePage({ project: 'demo', path: 'notes/ok.md', body: 'ok' });
    const filesBefore = await listFiles(server.dataDir);
    const commitsBefore = commitSubjects(server.wikiDir);
    const attempts = [
      { project: 'demo', path: '../other/notes/x.md' },
      { project: 'demo', path: '/etc/passwd' },
      { project: 'demo', path: 'notes\\x.md' },
      { project: 'demo', path: 'notes//x.md' },
      { project: 'demo', path: 'notes/x\u0000.md' },
      { project: '../other', path: 'notes/x.md' },
      { project: 'a/b', path: 'notes/x.md' },
      { project: '..', path: 'notes/x.md' },
      { project: 'demo', workspace: '../..', path: 'notes/x.md' },
    ];
    for (const attempt of attempts) {
      await assert.rejects(server.client.writePage({ ...attempt, body: 'evil' }), (error: { code: string; message: string }) => {
        assert.match(error.code, /^INVALID_(PATH|NAME)$/, JSON.stringify(attempt));
        assert.ok(error.message.length > 10);
        return true;
      });
    }
    assert.deepEqual(await listFiles(server.dataDir).then((f) => f.filter((p) => !p.includes('/index/') && !p.includes('/logs/'))), filesBefore.filter((p) => !p.includes('/index/') && !p.includes('/logs/')));
    assert.deepEqual(commitSubjects(server.wikiDir), commitsBefore);
  });

  it('keeps every version: history lists commits and old versions read by rev or instant', async () => {
    const server = await startTestServer();
    const scope = { workspace: 'default', project: 'demo' };
    const first = await server.client.writePage({ ...scope, path: 'notes/evolving.md', body: '# Evolving\n\nversion one' });
    // git timestamps have one-second resolution: keep a full second on each side of `between`.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await server.client.writePage({ ...scope, path: 'notes/evolving.md', body: '# Evolving\n\nversion two' });

    const history = await server.client.history(scope, 'notes/evolving.md');
    assert.equal(history.commits.length, 2);
    assert.match(history.commits[0]!.message, /^Update default\/demo\/notes\/evolving.md/);
    assert.equal(history.commits[1]!.commit, first.commit);

    const now = await server.client.readPage(scope, 'notes/evolving.md');
    assert.match(now.body, /version two/);
    const old = await server.client.readPage(scope, 'notes/evolving.md', { rev: first.commit!.slice(0, 8) });
    assert.match(old.body, /version one/);
    assert.equal(old.rev, first.commit);
    const asOf = await server.client.readPage(scope, 'notes/evolving.md', { asOf: between });
    assert.match(asOf.body, /version one/);
    await assert.rejects(server.client.readPage(scope, 'notes/evolving.md', { rev: 'deadbeef' }), { code: 'NOT_FOUND' });
  });
});
