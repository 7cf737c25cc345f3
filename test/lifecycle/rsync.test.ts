import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startSuiteServer, startTestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { captureSession, hits, twinProjects } from './helpers.js';

const QUERIES = ['zebracorn', 'postgres', 'quokka migration'];

describe('a data dir copied with rsync to another machine', () => {
  for (const [label, extra] of [
    ['with its index', []],
    ['without its index (rebuilt on start)', ['--exclude', '/index/']],
  ] as const) {
    it(`starts with the same answers, ${label}`, async () => {
      const source = await startTestServer();
      await twinProjects(source.client, 'alpha', 'beta');
      await captureSession(source.url, source.wikiDir, 'alpha', 'rsync-session', 'the quokka migration');
      const expected = await Promise.all(QUERIES.map((q) => hits(source.client, q)));
      const history = await source.client.history({ workspace: 'default', project: 'alpha' }, 'notes/setup.md');
      const { projects } = await source.client.status();
      await source.stop();

      const copy = join(await tempDir(), 'data');
      execFileSync('rsync', ['-a', ...extra, `${source.dataDir}/`, `${copy}/`]);
      assert.equal(existsSync(join(copy, 'index')), extra.length === 0);
      const moved = await startSuiteServer({}, copy);
      try {
        assert.deepEqual(await Promise.all(QUERIES.map((q) => hits(moved.client, q))), expected);
        const again = await moved.client.history({ workspace: 'default', project: 'alpha' }, 'notes/setup.md');
        assert.deepEqual(again.commits.map((c) => c.commit), history.commits.map((c) => c.commit));
        assert.deepEqual((await moved.client.status()).projects, projects);
      } finally {
        await moved.stop();
      }
    });
  }
});
