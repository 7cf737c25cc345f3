import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { commitSubjects, fsck, git } from '../helpers/git.js';
import { renamedCwd } from '../../lib/core/project-rename.js';
import { startTestServer } from '../helpers/server.js';
import { captureSession, hits, twinProjects } from './helpers.js';

const rawFiles = (dataDir: string, project: string) => {
  const dir = join(dataDir, 'raw/default', project);
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('purge-project', () => {
  it('refuses without --confirm and changes nothing', async () => {
    const server = await startTestServer();
    await twinProjects(server.client, 'alpha', 'beta');
    const before = commitSubjects(server.wikiDir).length;
    const refused = await runCli(['purge-project', '--project', 'alpha'], { env: { AI_MEMORY_SERVER_URL: server.url } });
    assert.equal(refused.code, 2);
    // As many pages as `status` lists for the project (its _project.md is not one of them).
    const listed = (await server.client.status()).projects.find((p) => p.project === 'alpha')!.pages;
    assert.match(refused.stderr, new RegExp(`removes ${listed} pages .*--confirm`));
    assert.ok(existsSync(join(server.wikiDir, 'default/alpha/decisions/0001-db.md')));
    assert.equal(commitSubjects(server.wikiDir).length, before);
    assert.ok((await hits(server.client, 'zebracorn', 'alpha')).includes('alpha/notes/setup.md'));
  });

  it('removes pages in one commit, raw events and index entries; siblings untouched; no resurrection', async () => {
    const server = await startTestServer();
    await twinProjects(server.client, 'alpha', 'beta');
    await captureSession(server.url, server.wikiDir, 'alpha', 'alpha-session', 'migrate the zebracorn table');
    await captureSession(server.url, server.wikiDir, 'beta', 'beta-session', 'tune beta');
    assert.ok(rawFiles(server.dataDir, 'alpha').length > 0);
    const tracked = git(server.wikiDir, 'ls-tree', '-r', '--name-only', 'HEAD', 'default/alpha').trim().split('\n').filter((p) => !p.endsWith('/_project.md'));

    const purged = await runCli(['purge-project', '--project', 'alpha', '--confirm', '--json'], { env: { AI_MEMORY_SERVER_URL: server.url } });
    assert.equal(purged.code, 0, purged.stderr);
    const result = JSON.parse(purged.stdout);
    assert.equal(result.pages_removed, tracked.length);
    assert.equal(result.raw_files_removed, 1);

    assert.ok(!existsSync(join(server.wikiDir, 'default/alpha')));
    assert.deepEqual(rawFiles(server.dataDir, 'alpha'), []);
    assert.equal(commitSubjects(server.wikiDir)[0], `Purge project default/alpha (${tracked.length} pages)`);
    assert.equal(git(server.wikiDir, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').every((p) => p.startsWith('default/alpha/')), true);
    await server.running.deps.store.git.flushIndex();
    assert.equal(git(server.wikiDir, 'status', '--porcelain').trim(), '');
    fsck(server.wikiDir);

    // The sibling with the same page paths is whole.
    assert.ok(readFileSync(join(server.wikiDir, 'default/beta/decisions/0001-db.md'), 'utf8').includes('beta standardised'));
    assert.equal(rawFiles(server.dataDir, 'beta').length, 1);
    const onlyBeta = (found: string[]) => found.includes('beta/notes/setup.md') && !found.some((h) => h.startsWith('alpha/'));
    assert.ok(onlyBeta(await hits(server.client, 'zebracorn')));

    // Neither a reindex nor a restart brings it back.
    await server.client.reindex();
    assert.ok(onlyBeta(await hits(server.client, 'zebracorn')));
    const again = await server.restart();
    assert.ok(onlyBeta(await hits(again.client, 'zebracorn')));
    assert.ok(!(await again.client.projects()).projects.some((p) => p.project === 'alpha'));
  });

  it('finishes on a rerun after a crash left the folder deleted but not committed', async () => {
    const server = await startTestServer({ watch: false });
    await twinProjects(server.client, 'alpha', 'beta');
    await captureSession(server.url, server.wikiDir, 'alpha', 'alpha-session', 'zebracorn work');
    await server.stop();
    // What a kill -9 between the folder removal and the commit leaves behind.
    await rm(join(server.wikiDir, 'default/alpha'), { recursive: true });
    const again = await server.restart();
    const result = await again.client.purgeProject({ project: 'alpha', confirm: true });
    assert.equal(result.raw_files_removed, 1);
    assert.deepEqual(rawFiles(server.dataDir, 'alpha'), []);
    assert.equal(git(server.wikiDir, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').some((p) => p.startsWith('default/alpha/')), false);
    fsck(server.wikiDir);
    await assert.rejects(again.client.purgeProject({ project: 'alpha', confirm: true }), /no project default\/alpha/);
  });
});

describe('rename-project', () => {
  it('moves the folder in one commit; pages, sessions, handoffs and later events follow', async () => {
    const server = await startTestServer();
    await twinProjects(server.client, 'alpha', 'beta');
    await captureSession(server.url, server.wikiDir, 'alpha', 'old-session', 'zebracorn migration');

    const renamed = await runCli(['rename-project', '--from', 'alpha', '--to', 'gamma', '--json'], { env: { AI_MEMORY_SERVER_URL: server.url } });
    assert.equal(renamed.code, 0, renamed.stderr);
    assert.equal(JSON.parse(renamed.stdout).raw_moved, true);

    assert.ok(!existsSync(join(server.wikiDir, 'default/alpha')));
    for (const page of ['decisions/0001-db.md', 'sessions/old-session.md', '_project.md']) {
      assert.ok(existsSync(join(server.wikiDir, 'default/gamma', page)), page);
    }
    assert.match(readFileSync(join(server.wikiDir, 'default/gamma/_project.md'), 'utf8'), /^name: gamma$/m);
    assert.deepEqual(rawFiles(server.dataDir, 'gamma'), ['old-session.jsonl']);
    // One commit, which git itself sees as renames, so `git log --follow` keeps the history.
    assert.equal(commitSubjects(server.wikiDir)[0], 'Rename project default/alpha to default/gamma');
    assert.match(git(server.wikiDir, 'show', '-M', '--name-status', '--format=', 'HEAD'), /^R100\tdefault\/alpha\/decisions\/0001-db.md\tdefault\/gamma\/decisions\/0001-db.md$/m);
    assert.ok(git(server.wikiDir, 'log', '--follow', '--format=%s', '--', 'default/gamma/decisions/0001-db.md').includes('Create'));
    fsck(server.wikiDir);

    const found = await hits(server.client, 'zebracorn');
    assert.ok(found.includes('gamma/notes/setup.md') && found.includes('gamma/sessions/old-session.md'), found.join());
    assert.ok(!found.some((h) => h.startsWith('alpha/')), found.join());
    const handoff = await fetch(`${server.url}/handoff?agent=codex&cwd=/work/gamma&session_id=next`).then((r) => r.text());
    assert.match(handoff, /zebracorn migration/);
    await captureSession(server.url, server.wikiDir, 'gamma', 'new-session', 'carry on');
    // The handoff request itself and the new session were captured under the new name.
    assert.deepEqual(rawFiles(server.dataDir, 'gamma').sort(), ['new-session.jsonl', 'next.jsonl', 'old-session.jsonl']);
    assert.ok(!existsSync(join(server.dataDir, 'raw/default/alpha')));
  });

  it('points open handoffs at the renamed directory, and only at the segment that was the project', () => {
    assert.equal(renamedCwd('/work/alpha', 'alpha', 'gamma'), '/work/gamma');
    assert.equal(renamedCwd('/home/alpha/src/My App', 'my-app', 'Our App'), '/home/alpha/src/Our App');
    assert.equal(renamedCwd('C:\\src\\alpha\\', 'alpha', 'gamma'), 'C:\\src\\gamma\\');
    assert.equal(renamedCwd('/work/elsewhere', 'alpha', 'gamma'), '/work/elsewhere');
  });

  it('refuses to overwrite an existing project and explains', async () => {
    const server = await startTestServer();
    await twinProjects(server.client, 'alpha', 'beta');
    const refused = await runCli(['rename-project', '--from', 'alpha', '--to', 'beta'], { env: { AI_MEMORY_SERVER_URL: server.url } });
    assert.equal(refused.code, 5);
    assert.match(refused.stderr, /default\/beta already exists/);
    assert.ok(existsSync(join(server.wikiDir, 'default/alpha/notes/setup.md')));
    const missing = await runCli(['rename-project', '--from', 'nope', '--to', 'other'], { env: { AI_MEMORY_SERVER_URL: server.url } });
    assert.equal(missing.code, 4);
  });
});
