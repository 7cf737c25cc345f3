import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { datedPage as page, DAY, daysAgo, writeFilesAndReindex } from '../helpers/dated-wiki.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const project = { workspace: 'default', project: 'ops' };
const monthName = (ms: number) => new Date(ms).toLocaleString('en', { month: 'long', timeZone: 'UTC' });

/**
 * Time questions on a wiki large enough for its everyday words to be common (70 pages, a
 * quarter of them sessions): "the most recent session" names no word the answer holds, "this
 * week" must not find pages about weekends, and "before <month>" asks for the page that was
 * current then, even when most of the wiki is older than that month.
 */
describe('search by date order and time words', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    await server.client.writePage({ ...project, path: 'notes/readme.md', body: '# Ops\n\nThe ops handbook.\n' });
    const files: Record<string, string> = {};
    // Sessions every few days from 120 days ago to 6 days ago; the newest holds no query word.
    for (let i = 0; i < 18; i++) {
      const at = daysAgo(120 - i * 6.5);
      files[`sessions/s-${i}.md`] = page({ kind: 'session', created: at, updated: at }, `# Session ${i}\n\nA session on the recent session notes, item ${i}.`);
    }
    const newest = new Date(Date.now() - 3_600_000).toISOString();
    // Written an hour ago: inside "this week" whatever the weekday.
    files['sessions/s-newest.md'] = page({ kind: 'session', created: newest, updated: newest }, '# Rotate the TLS certificates\n\nRenewed the certificates on the load balancer.');
    for (let i = 0; i < 45; i++) {
      const at = daysAgo(200 - i);
      files[`notes/n-${i}.md`] = page({ created: at, updated: at }, `# Note ${i}\n\nA note about the sessions of the team, number ${i}.`);
    }
    files['gotchas/weekend.md'] = page({ created: daysAgo(150), updated: daysAgo(150) }, '# No exchange rates on weekends\n\nThe bank publishes none on a weekend.');
    files['decisions/host-fly.md'] = page({ created: daysAgo(190), updated: daysAgo(190) }, '# Host on Fly.io\n\nMachines in fra, cheap and close to the database.');
    files['decisions/host-render.md'] = page(
      { created: daysAgo(3), updated: daysAgo(3), supersedes: '[decisions/host-fly]' },
      '# Move hosting to Render\n\nHosting moves to Render: managed Postgres with point-in-time recovery.',
    );
    await writeFilesAndReindex(server, project, files);
  });

  const search = (q: string) => server.client.search({ q, ...project });

  it('answers "the most recent session" with the newest session, though it shares no word with the question', async () => {
    const { hits } = await search('the most recent session');
    assert.equal(hits[0]?.path, 'sessions/s-newest.md', hits.map((h) => h.path).join(', '));
    assert.match(hits[0]?.reason ?? '', /most recent/);
  });

  it('reads "this week" as days, not as a word: a page about weekends does not answer it', async () => {
    const { hits } = await search('what did we do this week');
    const paths = hits.map((h) => h.path);
    assert.match(hits[0]?.reason ?? '', /dated/, paths.join(', '));
    assert.ok(!paths.slice(0, 3).includes('gotchas/weekend.md'), paths.join(', '));
  });

  it('answers "before <month>" with the page current then, even when most pages are older than the month', async () => {
    const month = monthName(Date.now() - 40 * DAY);
    const { hits } = await search(`what was the hosting before ${month}`);
    assert.equal(hits[0]?.path, 'decisions/host-fly.md', hits.map((h) => h.path).join(', '));
    assert.equal(hits[0]?.superseded, true, 'still marked as replaced since');
    assert.match(hits[0]?.reason ?? '', /dated before/);
  });
});
