import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { datedPage as page, daysAgo, writeFilesAndReindex } from '../helpers/dated-wiki.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const shop = { workspace: 'default', project: 'shop' };

/** Which handoffs are still waiting, as `ai-memory ls` and `ai-memory status` read them from the API. */
describe('handoff states in the page listing and in status', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    await server.client.writePage({ ...shop, path: 'notes/readme.md', body: '# Readme\n\nThe service.\n' });
    const handoff = (state: string, days: number, title: string) => page({ kind: 'handoff', state, created: daysAgo(days), title: `"Handoff: ${title}"` }, `# Handoff: ${title}\n\nWork.`);
    await writeFilesAndReindex(server, shop, {
      'handoffs/a.md': handoff('open', 3, 'Rename the cart table'),
      'handoffs/b.md': handoff('open', 1, 'Add pagination'),
      'handoffs/c.md': handoff('accepted', 2, 'Fix totals'),
      'handoffs/d.md': handoff('expired', 4, 'Old work'),
    });
  });

  it('each handoff in the listing says whether it is pending (open), used (accepted) or expired; other pages say nothing', async () => {
    const { pages } = await server.client.pages(shop);
    assert.deepEqual(Object.fromEntries(pages.map((p) => [p.path, p.handoff_state ?? null])), { 'handoffs/a.md': 'open', 'handoffs/b.md': 'open', 'handoffs/c.md': 'accepted', 'handoffs/d.md': 'expired', 'notes/readme.md': null });
  });

  it('status counts the pending handoffs of the project and names the newest, without "Handoff: "', async () => {
    const status = await server.client.status();
    assert.deepEqual(status.pending_handoffs.map((h) => ({ ...h, newest: { ...h.newest, created: undefined } })), [{ workspace: 'default', project: 'shop', count: 2, newest: { id: 'b', title: 'Add pagination', created: undefined } }]);
  });
});
