import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createClient } from '../../lib/client/client.js';
import { spawnServe } from '../helpers/cli.js';
import { fsck, git } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';
import { twinProjects } from './helpers.js';

const ROUNDS = 4;

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
});
