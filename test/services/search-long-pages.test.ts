import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const project = { workspace: 'default', project: 'sessions' };

// About 3 kB of session talk that shares no word with the query (the same words on both pages).
const talk = (from: number, n: number) => Array.from({ length: n }, (_, i) => `Step ${from + i} looked at the logs and moved on.`).join('\n\n');

/**
 * A long page (a session transcript) is judged by its best passage too: of two transcripts
 * holding the same query words equally often, the one where they stand together in one
 * exchange ranks first, whatever their names.
 */
describe('search on long pages', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    const write = (path: string, body: string) => server.client.writePage({ ...project, path, body });
    // "a-" sorts first: on equal scores it would win the tie.
    await write('sessions/a-scattered.md', `# Session one\n\nWe started the deploy.\n\n${talk(100, 60)}\n\nLater a request hit a timeout.`);
    await write('sessions/b-together.md', `# Session two\n\n${talk(100, 30)}\n\nWe started the deploy.\n\nLater a request hit a timeout.\n\n${talk(130, 30)}`);
    await write('notes/short.md', '# Release checklist\n\nTag, build, publish.');
  });

  it('ranks the transcript holding the query words in one passage above the one holding them far apart', async () => {
    const { hits } = await server.client.search({ q: 'deploy timeout', ...project });
    assert.deepEqual(hits.map((h) => h.path).slice(0, 2), ['sessions/b-together.md', 'sessions/a-scattered.md']);
  });
});
