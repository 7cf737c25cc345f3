import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { datedPage as page, DAY, daysAgo, writeFilesAndReindex } from '../helpers/dated-wiki.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const project = { workspace: 'default', project: 'shop' };

/**
 * What a user asks of a project wiki beyond its words: about a time ("yesterday", "before
 * <month>"), about the state now when a decision was replaced, and "why" a choice was made.
 * Pages carry the dates the product writes (created/updated), set in the files themselves.
 */
describe('search by time, supersession and kind intent', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    // The first write creates the project; the rest are files edited by hand, picked up by a reindex.
    await server.client.writePage({ ...project, path: 'notes/readme.md', body: '# Shop\n\nThe shop service.\n' });
    const oldMonth = daysAgo(70);
    const files: Record<string, string> = {
      'sessions/s-old.md': page({ kind: 'session', created: daysAgo(40), updated: daysAgo(40) }, '# Fix the checkout totals\n\nWe worked on checkout totals and the cart work queue.'),
      'sessions/s-yesterday.md': page({ kind: 'session', created: daysAgo(1), updated: daysAgo(1) }, '# Rename the invoice table\n\nMigration for invoices.'),
      'decisions/orm-prisma.md': page({ created: oldMonth, updated: oldMonth }, '# Prisma as the ORM\n\nPrisma for schema and queries.'),
      'decisions/orm-drizzle.md': page({ created: daysAgo(10), updated: daysAgo(10), supersedes: '[decisions/orm-prisma]' }, '# Drizzle replaces Prisma\n\nWe use Drizzle ORM now: the Prisma engine binary was too heavy.'),
      'sessions/s-drizzle.md': page({ kind: 'session', created: daysAgo(9), updated: daysAgo(9) }, '# Port queries to Drizzle\n\nPorted the Prisma queries to Drizzle, picked the postgres driver.'),
      'decisions/queue.md': page({ created: daysAgo(30), updated: daysAgo(30) }, '# pg-boss for jobs\n\nWhy: jobs commit with the rows they write, so we picked pg-boss.'),
      'sessions/s-cutover.md': page({ kind: 'session', created: daysAgo(60), updated: daysAgo(60) }, '# Postgres cut-over\n\nThe big database cutover weekend.'),
    };
    // Older history, so that "since the cutover" singles out the recent pages.
    for (let i = 0; i < 6; i++) files[`notes/old-${i}.md`] = page({ created: daysAgo(80 + i), updated: daysAgo(80 + i) }, `# Old note ${i}\n\nChanged the cart pricing.`);
    await writeFilesAndReindex(server, project, files);
  });

  const search = (q: string) => server.client.search({ q, ...project });

  it('answers "yesterday" with the page dated yesterday, even without shared words, and says so', async () => {
    const { hits } = await search('what did we work on yesterday');
    assert.equal(hits[0]?.path, 'sessions/s-yesterday.md', hits.map((h) => h.path).join(', '));
    assert.match(hits[0]?.reason ?? '', /dated/);
    assert.ok(hits.findIndex((h) => h.path === 'sessions/s-old.md') !== 0, 'the older session holding "work" ranks below');
  });

  it('prefers the end of a supersession chain for a question about now, and hides the replaced page', async () => {
    const { hits } = await search('which ORM do we use now');
    assert.equal(hits[0]?.path, 'decisions/orm-drizzle.md', hits.map((h) => h.path).join(', '));
    assert.ok(!hits.some((h) => h.path === 'decisions/orm-prisma.md'), 'superseded pages stay hidden unless the question is about the past');
  });

  it('shows a replaced page, marked, for a question about how things were before', async () => {
    const month = new Date(Date.now() - 10 * DAY).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
    const { hits } = await search(`which ORM did we use before ${month}`);
    const old = hits.find((h) => h.path === 'decisions/orm-prisma.md');
    assert.ok(old, hits.map((h) => h.path).join(', '));
    assert.equal(old.superseded, true);
  });

  it('reads "the first X we ..." as asking for the oldest, replaced pages included, without looking for "first"', async () => {
    const { hits } = await search('the first ORM we adopted');
    const old = hits.findIndex((h) => h.path === 'decisions/orm-prisma.md');
    assert.ok(old >= 0 && old < hits.findIndex((h) => h.path === 'decisions/orm-drizzle.md'), hits.map((h) => h.path).join(', '));
    assert.equal(hits[old]?.superseded, true);
  });

  it('dates an event named instead of a date by the page about it', async () => {
    const { hits } = await search('what changed since the database cutover');
    const paths = hits.map((h) => h.path);
    const recent = paths.indexOf('sessions/s-drizzle.md');
    assert.ok(recent >= 0 && paths.slice(0, recent).every((p) => !p.startsWith('notes/old-')), paths.join(', '));
    assert.ok(paths.filter((p) => p.startsWith('notes/old-')).every((p) => paths.indexOf(p) > recent), 'pages before the event rank below');
  });

  it('reads "right after we migrate" as a situation, not as a date: no page is pushed down or said to be dated', async () => {
    // "migrate" best matches yesterday's session; read as an event it would date the question
    // from yesterday on, bring in today's readme, which holds none of its words, and push the
    // older pages about cart pricing down.
    const { hits } = await search('cart pricing is off right after we migrate');
    assert.ok(!hits.some((h) => h.path === 'notes/readme.md'), hits.map((h) => h.path).join(', '));
    assert.ok(hits.every((h) => !/dated/.test(h.reason ?? '')), hits.map((h) => h.reason).join(' | '));
  });

  it('favours a decision for a "why did we" question over a session with the same words', async () => {
    const { hits } = await search('why did we pick pg-boss');
    assert.equal(hits[0]?.path, 'decisions/queue.md');
    const drizzle = await search('why Drizzle over Prisma');
    assert.equal(drizzle.hits[0]?.path, 'decisions/orm-drizzle.md', drizzle.hits.map((h) => h.path).join(', '));
  });
});
