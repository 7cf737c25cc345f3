import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createClient } from '../../lib/client/client.js';
import { spawnServe } from '../helpers/cli.js';
import { fsck, git } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';
import { startGitHttpServer } from '../helpers/git-http-server.js';
import { startTestServer } from '../helpers/server.js';
import { hits, twinProjects } from './helpers.js';

const ROUNDS = 3;

/** Fires a lifecycle request, kills the server with SIGKILL a random moment later, restarts. */
async function crashDuring(dataDir: string, work: (client: ReturnType<typeof createClient>) => Promise<unknown>) {
  const first = await spawnServe(dataDir);
  const client = createClient({ serverUrl: first.url });
  await twinProjects(client, 'alpha', 'beta');
  const pending = work(client).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 40)));
  await first.stop('SIGKILL');
  await pending;
  const second = await spawnServe(dataDir);
  return { client: createClient({ serverUrl: second.url }), stop: () => second.stop() };
}

const trackedIn = (wiki: string, folder: string) => git(wiki, 'ls-tree', '-r', '--name-only', 'HEAD', folder).trim();

describe('kill -9 during lifecycle commands', () => {
  it(`leaves a valid repo after a purge is killed (${ROUNDS} rounds), and a rerun completes it`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const dataDir = await tempDir();
      const { client, stop } = await crashDuring(dataDir, (c) => c.purgeProject({ project: 'alpha', confirm: true }));
      const wiki = join(dataDir, 'wiki');
      fsck(wiki);
      await client.purgeProject({ project: 'alpha', confirm: true }).catch((error: Error) => assert.match(error.message, /no project default\/alpha/));
      assert.equal(trackedIn(wiki, 'default/alpha'), '');
      assert.ok(!existsSync(join(dataDir, 'raw/default/alpha')));
      assert.notEqual(trackedIn(wiki, 'default/beta'), '');
      fsck(wiki);
      await stop();
    }
  });

  it(`leaves a valid repo after a rename is killed (${ROUNDS} rounds), and a rerun completes it`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const dataDir = await tempDir();
      const { client, stop } = await crashDuring(dataDir, (c) => c.renameProject({ from: 'alpha', to: 'gamma' }));
      const wiki = join(dataDir, 'wiki');
      fsck(wiki);
      await client.renameProject({ from: 'alpha', to: 'gamma' }).catch((error: Error) => assert.match(error.message, /no project default\/alpha/));
      assert.equal(trackedIn(wiki, 'default/alpha'), '');
      assert.match(trackedIn(wiki, 'default/gamma'), /decisions\/0001-db.md/);
      const found = await client.search({ q: 'zebracorn', workspace: 'default', project: 'gamma' });
      assert.ok(found.hits.some((h) => h.path === 'notes/setup.md'));
      fsck(wiki);
      await stop();
    }
  });

  it('leaves a valid repo after a sync is killed (2 rounds), and a rerun converges', async () => {
    const git_ = await startGitHttpServer(await tempDir());
    for (let round = 0; round < 2; round += 1) {
      const remote = git_.createRepo(`wiki-${round}.git`);
      // Another machine already pushed pages, some at the same paths.
      const other = await startTestServer();
      await twinProjects(other.client, 'alpha', 'gamma');
      await other.client.sync(remote);

      const dataDir = await tempDir();
      const { client, stop } = await crashDuring(dataDir, (c) => c.sync(remote));
      const wiki = join(dataDir, 'wiki');
      fsck(wiki);
      const result = await client.sync(remote);
      assert.ok(['merged', 'pushed', 'up-to-date', 'fast-forward'].includes(result.action), result.action);
      await other.client.sync();
      for (const c of [client, other.client]) {
        const found = await hits(c, 'zebracorn');
        for (const page of ['alpha/notes/setup.md', 'beta/notes/setup.md', 'gamma/notes/setup.md']) assert.ok(found.includes(page), `${page} in ${found.join()}`);
      }
      fsck(wiki);
      await stop();
      await other.dispose();
    }
  });
});
