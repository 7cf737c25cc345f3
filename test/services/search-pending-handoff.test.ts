import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { datedPage as page, daysAgo, writeFilesAndReindex } from '../helpers/dated-wiki.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const shop = { workspace: 'default', project: 'shop' };
const quiet = { workspace: 'default', project: 'quiet' };

/**
 * The first thing a user asks in the morning: "where did we leave off?". The answer is the
 * project's pending handoff, which shares none of those words; a session that happened to be
 * asked the same question (and answered about something else) is not.
 */
describe('search: "where did we leave off" finds the pending handoff', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    for (const scope of [shop, quiet]) await server.client.writePage({ ...scope, path: 'notes/readme.md', body: '# Readme\n\nThe service.\n' });
    const session = page({ kind: 'session', created: daysAgo(3), updated: daysAgo(3) }, '# Where did we leave off?\n\nAsked where we left off and what is next; we were on the invoice export.');
    const open = page({ kind: 'handoff', state: 'open', created: daysAgo(1), updated: daysAgo(1) }, '# Add pagination to the orders list\n\nCursor pagination is in; the migration is not written yet.');
    const older = page({ kind: 'handoff', state: 'open', created: daysAgo(5), updated: daysAgo(5) }, '# Rename the cart table\n\nHalf done.');
    const spent = page({ kind: 'handoff', state: 'accepted', created: daysAgo(2), updated: daysAgo(2) }, '# Fix the checkout totals\n\nDone and picked up.');
    await writeFilesAndReindex(server, shop, { 'sessions/s-1.md': session, 'handoffs/h-open.md': open, 'handoffs/h-older.md': older, 'handoffs/h-spent.md': spent });
    await writeFilesAndReindex(server, quiet, { 'sessions/s-1.md': session, 'handoffs/h-spent.md': spent });
  });

  for (const q of ['where did we leave off', 'Where were we?', "what's next", "OK, let's pick up where we left off", 'Where did we leave off?']) {
    it(`"${q}": the project's newest pending handoff first, saying why`, async () => {
      const { hits } = await server.client.search({ q, ...shop });
      assert.equal(hits[0]?.path, 'handoffs/h-open.md', hits.map((h) => `${h.path} (${h.reason})`).join(', '));
      assert.match(hits[0]!.reason ?? '', /pending handoff/);
      assert.ok(!hits.some((h) => h.path === 'handoffs/h-spent.md' && /pending/.test(h.reason ?? '')), 'a used handoff is not called pending');
    });
  }

  it('with no pending handoff, the question is searched by its words and nothing is called pending', async () => {
    const { hits } = await server.client.search({ q: 'where did we leave off', ...quiet });
    assert.equal(hits[0]?.path, 'sessions/s-1.md', hits.map((h) => h.path).join(', '));
    assert.ok(hits.every((h) => !/pending/.test(h.reason ?? '')), hits.map((h) => h.reason).join(', '));
  });

  it('a question that names the work is not a "where did we leave off": no handoff is pushed first', async () => {
    const { hits } = await server.client.search({ q: 'invoice export', ...shop });
    assert.equal(hits[0]?.path, 'sessions/s-1.md', hits.map((h) => h.path).join(', '));
    assert.ok(hits.every((h) => !/pending/.test(h.reason ?? '')));
  });

  it('a bare "status" or "continue" is searched by its words: it may be about pages that say so', async () => {
    for (const q of ['status', 'continue']) {
      const { hits } = await server.client.search({ q, ...shop });
      assert.ok(hits.every((h) => !/pending handoff/.test(h.reason ?? '')), `${q}: ${hits.map((h) => `${h.path} (${h.reason})`).join(', ')}`);
    }
  });
});
