import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { fsck, git } from '../helpers/git.js';
import { startGitHttpServer } from '../helpers/git-http-server.js';
import { startTestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { hits } from './helpers.js';

const page = (project: string, path: string, body: string) => ({ project, path, title: path.replace(/\.md$/, ''), body });

describe('sync across machines through a git http remote', () => {
  it('converges two data dirs that each wrote pages, and a plain git clone sees the result', async () => {
    const remote = (await startGitHttpServer(await tempDir())).createRepo('wiki.git');
    const laptop = await startTestServer();
    const desktop = await startTestServer();

    await laptop.client.writePage(page('shop', 'decisions/db.md', 'The shop uses Postgres and a narwhal cache.'));
    const first = await laptop.client.sync(remote);
    assert.equal(first.action, 'pushed');

    const adopted = await desktop.client.sync(remote);
    assert.equal(adopted.action, 'fast-forward');
    assert.deepEqual(await hits(desktop.client, 'narwhal'), ['shop/decisions/db.md']);

    await laptop.client.writePage(page('shop', 'notes/laptop.md', 'Written on the laptop: okapi.'));
    await desktop.client.writePage(page('shop', 'notes/desktop.md', 'Written on the desktop: okapi.'));
    assert.equal((await laptop.client.sync()).action, 'pushed'); // the remote is remembered
    const merged = await desktop.client.sync();
    assert.equal(merged.action, 'merged');
    assert.deepEqual(merged.conflicts, []);
    assert.equal((await laptop.client.sync()).action, 'fast-forward');

    for (const machine of [laptop, desktop]) {
      assert.deepEqual(await hits(machine.client, 'okapi'), ['shop/notes/desktop.md', 'shop/notes/laptop.md']);
      await machine.running.deps.store.git.flushIndex();
      fsck(machine.wikiDir);
      assert.equal(git(machine.wikiDir, 'status', '--porcelain').trim(), '');
    }
    assert.equal(git(laptop.wikiDir, 'rev-parse', 'HEAD'), git(desktop.wikiDir, 'rev-parse', 'HEAD'));

    const clone = join(await tempDir(), 'clone');
    // Async: the git http server runs in this process and must keep answering.
    await promisify(execFile)('git', ['clone', '--quiet', remote, clone]);
    assert.match(readFileSync(join(clone, 'default/shop/notes/desktop.md'), 'utf8'), /okapi/);
  });

  it('keeps both sides of a page edited on two machines, and reports the conflict', async () => {
    const remote = (await startGitHttpServer(await tempDir())).createRepo('wiki.git');
    const laptop = await startTestServer();
    const desktop = await startTestServer();
    await laptop.client.writePage(page('shop', 'decisions/db.md', 'Base text.'));
    await laptop.client.sync(remote);
    await desktop.client.sync(remote);

    await laptop.client.writePage(page('shop', 'decisions/db.md', 'Laptop says: MySQL after all.'));
    await desktop.client.writePage(page('shop', 'decisions/db.md', 'Desktop says: stay on Postgres.'));
    await laptop.client.sync();
    const result = await runCli(['sync', '--json'], { env: { AI_MEMORY_SERVER_URL: desktop.url } });
    assert.equal(result.code, 0, result.stderr);
    const synced = JSON.parse(result.stdout);
    assert.equal(synced.action, 'merged');
    assert.equal(synced.conflicts.length, 1);
    const { path, copy } = synced.conflicts[0];
    assert.equal(path, 'default/shop/decisions/db.md');
    assert.match(copy, /^default\/shop\/decisions\/db\.conflict-[0-9a-f]{7}\.md$/);

    await laptop.client.sync();
    for (const machine of [laptop, desktop]) {
      assert.match(readFileSync(join(machine.wikiDir, path), 'utf8'), /Desktop says/);
      assert.match(readFileSync(join(machine.wikiDir, copy), 'utf8'), /Laptop says/);
      fsck(machine.wikiDir);
    }
    assert.ok((await hits(desktop.client, 'MySQL')).includes(`shop/${copy.split('/').slice(2).join('/')}`));
  });

  it('explains what to do without a remote, and with one that does not answer', async () => {
    const server = await startTestServer();
    const none = await runCli(['sync'], { env: { AI_MEMORY_SERVER_URL: server.url } });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--remote URL/);
    const down = await runCli(['sync', '--remote', 'http://user:secret@127.0.0.1:9/wiki.git'], { env: { AI_MEMORY_SERVER_URL: server.url } });
    assert.notEqual(down.code, 0);
    assert.match(down.stderr, /could not fetch from http:\/\/\*\*\*@127\.0\.0\.1:9/);
    assert.doesNotMatch(down.stderr, /secret/);
    assert.throws(() => git(server.wikiDir, 'config', '--get-regexp', '^remote\\.'), 'a remote that never answered is not remembered');
  });

  it('remembers a remote only once a fetch from it worked, so a bad --remote leaves the good one in place', async () => {
    const root = await tempDir();
    const server = await startGitHttpServer(root);
    const remote = server.createRepo('wiki.git');
    const laptop = await startTestServer();
    await laptop.client.writePage(page('shop', 'decisions/db.md', 'Written on the laptop: pangolin.'));
    assert.equal((await laptop.client.sync(remote)).action, 'pushed');

    const bad = `${server.url.replace('http://', 'http://user:secret@')}/nope.git`; // 404
    const failed = await runCli(['sync', '--remote', bad], { env: { AI_MEMORY_SERVER_URL: laptop.url } });
    assert.notEqual(failed.code, 0);
    assert.doesNotMatch(failed.stderr, /secret/);
    const remembered = git(laptop.wikiDir, 'config', '--get', 'remote.origin.url').trim();
    assert.equal(remembered, remote);
    assert.doesNotMatch(readFileSync(join(laptop.wikiDir, '.git', 'config'), 'utf8'), /secret/);

    await laptop.client.writePage(page('shop', 'notes/later.md', 'Written after the failed sync.'));
    assert.equal((await laptop.client.sync()).action, 'pushed');
    assert.equal(git(join(root, 'wiki.git'), 'rev-parse', 'main'), git(laptop.wikiDir, 'rev-parse', 'HEAD'));
    fsck(laptop.wikiDir);
  });

  it('says how to fix a remote whose HEAD names a missing branch, and leaves no dangling ref', async () => {
    // `git init --bare` without -b: HEAD says master, the wiki pushes main.
    const root = await tempDir();
    const remote = (await startGitHttpServer(root)).createRepo('wiki.git');
    git(join(root, 'wiki.git'), 'symbolic-ref', 'HEAD', 'refs/heads/master');
    const laptop = await startTestServer();
    const desktop = await startTestServer();
    await laptop.client.writePage(page('shop', 'decisions/db.md', 'Written on the laptop: quokka.'));
    assert.equal((await laptop.client.sync(remote)).action, 'pushed');

    const refused = await runCli(['sync', '--remote', remote], { env: { AI_MEMORY_SERVER_URL: desktop.url } });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /has no HEAD.*git symbolic-ref HEAD refs\/heads\/main/);
    fsck(desktop.wikiDir); // no refs/remotes/origin/main pointing at a commit that never arrived
    // A remote that failed is not remembered: the next plain sync must not keep failing on it.
    assert.throws(() => git(desktop.wikiDir, 'config', '--get-regexp', '^remote\\.'));

    git(join(root, 'wiki.git'), 'symbolic-ref', 'HEAD', 'refs/heads/main');
    assert.equal((await desktop.client.sync(remote)).action, 'fast-forward');
    assert.equal(git(desktop.wikiDir, 'config', '--get', 'remote.origin.url').trim(), remote);
    assert.deepEqual(await hits(desktop.client, 'quokka'), ['shop/decisions/db.md']);
  });
});
