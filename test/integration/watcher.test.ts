import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commitSubjects, fsck, git } from '../helpers/git.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

const scope = { workspace: 'default', project: 'demo' };
const hitPaths = async (server: TestServer, q: string) => (await server.client.search({ q, ...scope })).hits.map((h) => h.path);

async function seeded(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer(overrides);
  await server.client.writePage({ ...scope, path: 'notes/base.md', body: '# Base\n\nThe starting page.' });
  return server;
}

describe('edits behind the server', () => {
  it('picks up an editor\'s write-temp-then-rename save, and commits it as an external edit', async () => {
    const server = await seeded();
    const file = join(server.wikiDir, 'default/demo/notes/base.md');
    const temp = join(server.wikiDir, 'default/demo/notes/.base.md.swp');
    await writeFile(temp, '# Base\n\nRewritten in Obsidian with quokka.\n');
    await rename(temp, file);
    await waitFor(async () => (await hitPaths(server, 'quokka')).includes('notes/base.md'), 'the saved page to be searchable');
    await waitFor(() => commitSubjects(server.wikiDir)[0] === 'External edit: default/demo/notes/base.md', 'the external-edit commit');
    assert.match(git(server.wikiDir, 'show', 'HEAD:default/demo/notes/base.md'), /quokka/);
  });

  it('forgets a deleted page and commits the deletion', async () => {
    const server = await seeded();
    await rm(join(server.wikiDir, 'default/demo/notes/base.md'));
    await waitFor(async () => (await hitPaths(server, 'starting')).length === 0, 'the deleted page to leave search');
    await waitFor(() => commitSubjects(server.wikiDir)[0] === 'External edit: default/demo/notes/base.md', 'the deletion commit');
    assert.equal(git(server.wikiDir, 'ls-files', 'default/demo/notes/base.md').trim(), '');
  });

  it('follows a rename: the old path leaves search, the new one arrives, both in one commit', async () => {
    // The default quiet period (1.5 s) is what makes the two halves of a rename one commit.
    const server = await seeded({ externalCommitDelayMs: 1500 });
    await mkdir(join(server.wikiDir, 'default/demo/archive'), { recursive: true });
    await rename(join(server.wikiDir, 'default/demo/notes/base.md'), join(server.wikiDir, 'default/demo/archive/base.md'));
    await waitFor(async () => (await hitPaths(server, 'starting')).join() === 'archive/base.md', 'the renamed page in search');
    await waitFor(() => /External edit: 2 files/.test(commitSubjects(server.wikiDir)[0] ?? ''), 'the rename commit');
    assert.match(git(server.wikiDir, 'show', '--stat', 'HEAD'), /archive\/base\.md/);
  });

  it('takes a 500-file burst (rsync, git pull) into search and into one commit', async () => {
    const server = await seeded();
    const source = await tempDir('aim-burst-');
    for (let i = 0; i < 500; i += 1) {
      await mkdir(join(source, 'default/demo/burst'), { recursive: true });
      await writeFile(join(source, `default/demo/burst/page-${i}.md`), `# Burst ${i}\n\nburstword${i} arrives with everyone else.\n`);
    }
    // rsync writes each file as a hidden temp file and renames it into place.
    execFileSync('rsync', ['-a', `${source}/`, `${server.wikiDir}/`]);
    await waitFor(async () => (await server.client.status()).index.pages === 501, 'all 500 pages indexed', 10_000);
    for (const i of [0, 250, 499]) assert.deepEqual(await hitPaths(server, `burstword${i}`), [`burst/page-${i}.md`]);
    // isomorphic-git stages 500 files one by one (8-13 s here when idle); on a loaded 2-core box it takes longer.
    await waitFor(() => git(server.wikiDir, 'ls-files', 'default/demo/burst').trim().split('\n').length === 500, 'the burst committed', 120_000);
    fsck(server.wikiDir);
  });

  it('does not commit the echo of its own writes (no commit loop)', async () => {
    const server = await seeded();
    const before = commitSubjects(server.wikiDir).length;
    await server.client.writePage({ ...scope, path: 'notes/own.md', body: '# Own\n\nwritten through the API' });
    await new Promise((resolve) => setTimeout(resolve, 600)); // several external-commit delays
    await server.running.watcher!.flush();
    await server.running.services.externalCommits.flush();
    assert.equal(commitSubjects(server.wikiDir).length, before + 1);
    assert.equal(commitSubjects(server.wikiDir)[0], 'Create default/demo/notes/own.md: Own');
    await waitFor(() => git(server.wikiDir, 'status', '--porcelain').trim() === '', 'a clean git status');
  });

  it('commits edits made while the server was stopped, once it is back', async () => {
    const server = await seeded();
    await server.stop();
    await writeFile(join(server.wikiDir, 'default/demo/notes/offline.md'), '# Offline\n\nwritten while stopped\n');
    const again = await server.restart();
    await waitFor(() => commitSubjects(again.wikiDir)[0] === 'External edit: default/demo/notes/offline.md', 'the offline edit committed');
  });
});
