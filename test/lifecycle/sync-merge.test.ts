import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readManifest } from '../../lib/core/project-manifest.js';
import { runCli } from '../helpers/cli.js';
import { fsck, git } from '../helpers/git.js';
import { startGitHttpServer } from '../helpers/git-http-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { hits } from './helpers.js';

const page = (project: string, path: string, body: string) => ({ project, path, title: path.replace(/\.md$/, ''), body });
const manifestOf = (machine: TestServer, project: string) => readFileSync(join(machine.wikiDir, 'default', project, '_project.md'), 'utf8');

/** The manifest both machines must end with: the earlier `created`, ties broken by the smaller id. */
function earliest(texts: string[]): string {
  const key = (text: string) => {
    const m = readManifest(text);
    return `${m.created ?? ''}\u0000${m.id ?? ''}`;
  };
  return [...texts].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))[0]!;
}

async function twoMachines() {
  const remote = (await startGitHttpServer(await tempDir())).createRepo('wiki.git');
  return { remote, laptop: await startTestServer(), desktop: await startTestServer() };
}

describe('sync merges what a per-file merge gets wrong', () => {
  it('converges on one manifest when both machines created the same project, with no conflict copy', async () => {
    const { remote, laptop, desktop } = await twoMachines();
    // beta is created on the laptop first, gamma on the desktop first: the merging machine keeps
    // its own manifest for one and takes the remote's for the other.
    await laptop.client.writePage(page('beta', 'notes/laptop.md', 'Beta on the laptop: axolotl.'));
    await desktop.client.writePage(page('gamma', 'notes/desktop.md', 'Gamma on the desktop: axolotl.'));
    await desktop.client.writePage(page('beta', 'notes/desktop.md', 'Beta on the desktop: axolotl.'));
    await laptop.client.writePage(page('gamma', 'notes/laptop.md', 'Gamma on the laptop: axolotl.'));
    const expected = new Map(['beta', 'gamma'].map((p) => [p, earliest([manifestOf(laptop, p), manifestOf(desktop, p)])]));
    assert.notEqual(manifestOf(laptop, 'beta'), manifestOf(desktop, 'beta'));

    assert.equal((await laptop.client.sync(remote)).action, 'pushed');
    const merged = await runCli(['sync', '--remote', remote, '--json'], { env: { AI_MEMORY_SERVER_URL: desktop.url } });
    assert.equal(merged.code, 0, merged.stderr);
    const result = JSON.parse(merged.stdout);
    assert.equal(result.action, 'merged');
    assert.deepEqual(result.conflicts, []);
    assert.equal((await laptop.client.sync()).action, 'fast-forward');

    for (const machine of [laptop, desktop]) {
      for (const [project, manifest] of expected) assert.equal(manifestOf(machine, project), manifest);
      assert.deepEqual(git(machine.wikiDir, 'ls-files').split('\n').filter((f) => f.includes('conflict')), []);
      const status = await machine.client.status();
      assert.deepEqual(status.projects.map((p) => `${p.project}:${p.pages}`).sort(), ['beta:2', 'gamma:2']);
      assert.deepEqual(await hits(machine.client, 'axolotl'), ['beta/notes/desktop.md', 'beta/notes/laptop.md', 'gamma/notes/desktop.md', 'gamma/notes/laptop.md']);
      assert.deepEqual((await hits(machine.client, 'beta')).filter((h) => h.includes('_project')), []);
      fsck(machine.wikiDir);
    }
    assert.equal(git(laptop.wikiDir, 'rev-parse', 'HEAD'), git(desktop.wikiDir, 'rev-parse', 'HEAD'));
  });

  it('never indexes a conflict copy of a manifest as a page, and refuses to write one', async () => {
    const server = await startTestServer();
    await server.client.writePage(page('beta', 'notes/a.md', 'Beta page.'));
    // What an older ai-memory left behind after a manifest conflict, or a copy rsync brought in.
    const copy = join(server.wikiDir, 'default/beta/_project.conflict-abc1234.md');
    writeFileSync(copy, manifestOf(server, 'beta').replace('Project memory', 'Project memory quetzal'));
    await server.client.reindex();
    assert.deepEqual(await hits(server.client, 'quetzal'), []);
    assert.deepEqual((await server.client.status()).projects.map((p) => `${p.project}:${p.pages}`), ['beta:1']);

    await assert.rejects(server.client.writePage(page('beta', '_project.conflict-abc1234.md', 'x')), /reserved/);
    await assert.rejects(server.client.writePage(page('beta', '_project.conflict-1.md', 'x')), /reserved/);
    await server.client.writePage(page('beta', 'notes/_project.conflict-1.md', 'Deeper down it is a page: quetzal.'));
    assert.deepEqual(await hits(server.client, 'quetzal'), ['beta/notes/_project.conflict-1.md']);
  });

  it('reports a page deleted here and edited on the other machine, and keeps the edit', async () => {
    const { remote, laptop, desktop } = await twoMachines();
    await laptop.client.writePage(page('shop', 'notes/cache.md', 'Base text.'));
    await laptop.client.writePage(page('shop', 'notes/keep.md', 'Untouched.'));
    await laptop.client.sync(remote);
    await desktop.client.sync(remote);

    await laptop.client.writePage(page('shop', 'notes/cache.md', 'Edited on the laptop: capybara.'));
    await desktop.client.deletePage({ workspace: 'default', project: 'shop', path: 'notes/cache.md' });
    await laptop.client.sync();
    const result = await runCli(['sync'], { env: { AI_MEMORY_SERVER_URL: desktop.url } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /merged/);
    assert.match(result.stdout, /default\/shop\/notes\/cache\.md: edited on the remote, deleted here: kept the edit/);
    await laptop.client.sync();

    for (const machine of [laptop, desktop]) {
      assert.match(readFileSync(join(machine.wikiDir, 'default/shop/notes/cache.md'), 'utf8'), /capybara/);
      assert.deepEqual(await hits(machine.client, 'capybara'), ['shop/notes/cache.md']);
      fsck(machine.wikiDir);
    }
  });

  it('reports pages edited here in a project the other machine purged, and keeps the edits', async () => {
    const { remote, laptop, desktop } = await twoMachines();
    await laptop.client.writePage(page('old-app', 'notes/a.md', 'Page a.'));
    await laptop.client.writePage(page('old-app', 'notes/b.md', 'Page b.'));
    await laptop.client.sync(remote);
    await desktop.client.sync(remote);

    const manifest = manifestOf(laptop, 'old-app');
    await laptop.client.purgeProject({ project: 'old-app', confirm: true });
    await desktop.client.writePage(page('old-app', 'notes/a.md', 'Edited on the desktop: tapir.'));
    await desktop.client.writePage(page('old-app', 'notes/c.md', 'Added on the desktop: tapir.'));
    assert.equal((await laptop.client.sync()).action, 'pushed');
    const synced = await desktop.client.sync();
    assert.equal(synced.action, 'merged');
    assert.deepEqual(synced.conflicts, []);
    assert.deepEqual(synced.warnings, [
      { path: 'default/old-app/notes/a.md', message: 'edited here, deleted on the remote: kept the edit' },
      { path: 'default/old-app/notes/c.md', message: 'added here to a project deleted on the remote: kept it' },
    ]);
    assert.equal((await laptop.client.sync()).action, 'fast-forward');

    for (const machine of [laptop, desktop]) {
      assert.deepEqual(await hits(machine.client, 'tapir'), ['old-app/notes/a.md', 'old-app/notes/c.md']);
      assert.equal(existsSync(join(machine.wikiDir, 'default/old-app/notes/b.md')), false);
      assert.equal(manifestOf(machine, 'old-app'), manifest, 'the project that came back keeps its manifest');
      fsck(machine.wikiDir);
    }
  });

  it('reports pages added on the other machine to a project purged here, and restores its manifest', async () => {
    const { remote, laptop, desktop } = await twoMachines();
    await laptop.client.writePage(page('old-app', 'notes/a.md', 'Page a.'));
    await laptop.client.sync(remote);
    await desktop.client.sync(remote);
    const manifest = manifestOf(laptop, 'old-app');

    await laptop.client.purgeProject({ project: 'old-app', confirm: true });
    await desktop.client.writePage(page('old-app', 'sessions/late.md', 'A session that ended after the purge: margay.'));
    assert.equal((await desktop.client.sync()).action, 'pushed');
    const synced = await laptop.client.sync();
    assert.equal(synced.action, 'merged');
    assert.deepEqual(synced.warnings, [{ path: 'default/old-app/sessions/late.md', message: 'added on the remote to a project deleted here: kept it' }]);
    assert.match(git(laptop.wikiDir, 'log', '-1', '--format=%s'), /1 file kept over a delete/);
    assert.equal((await desktop.client.sync()).action, 'fast-forward');

    for (const machine of [laptop, desktop]) {
      assert.deepEqual(await hits(machine.client, 'margay'), ['old-app/sessions/late.md']);
      assert.equal(existsSync(join(machine.wikiDir, 'default/old-app/notes/a.md')), false);
      assert.equal(manifestOf(machine, 'old-app'), manifest);
      fsck(machine.wikiDir);
    }
  });

  it('never writes Obsidian plugin code that came from the remote to disk, and says so', async () => {
    const { remote, laptop, desktop } = await twoMachines();
    await laptop.client.writePage(page('shop', 'notes/a.md', 'Shared page.'));
    await laptop.client.sync(remote);
    await desktop.client.sync(remote);

    // Whoever can push to the remote adds a plugin and enables it, beside an ordinary page.
    const plugin = '.obsidian/plugins/evil/main.js';
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(laptop.wikiDir, '.obsidian/plugins/evil'), { recursive: true });
    writeFileSync(join(laptop.wikiDir, plugin), 'require("child_process").exec("touch /tmp/pwned")\n');
    writeFileSync(join(laptop.wikiDir, '.obsidian/community-plugins.json'), '["evil"]\n');
    git(laptop.wikiDir, 'add', '-f', '.obsidian');
    git(laptop.wikiDir, '-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '-qm', 'add a plugin');
    await laptop.client.writePage(page('shop', 'notes/b.md', 'A second page.'));
    await laptop.client.sync();

    const result = await runCli(['sync'], { env: { AI_MEMORY_SERVER_URL: desktop.url } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /warning: \.obsidian\/plugins\/evil\/main\.js: Obsidian plugin code from the remote, not written here/);
    assert.match(result.stdout, /warning: \.obsidian\/community-plugins\.json:/);
    assert.equal(existsSync(join(desktop.wikiDir, plugin)), false);
    assert.equal(existsSync(join(desktop.wikiDir, '.obsidian/community-plugins.json')), false);
    assert.match(readFileSync(join(desktop.wikiDir, 'default/shop/notes/b.md'), 'utf8'), /A second page/);
    // It stays in git, for whoever wants to review it.
    assert.match(git(desktop.wikiDir, 'show', `HEAD:${plugin}`), /child_process/);
    fsck(desktop.wikiDir);
  });
});
