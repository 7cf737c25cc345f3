import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Connection } from '../../obsidian-plugin/src/connection.js';
import { McpClient } from '../../obsidian-plugin/src/mcp-client.js';
import { fetchTransport } from '../../obsidian-plugin/src/transport.js';
import { MemorySearchModal } from '../../obsidian-plugin/src/views/search-modal.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { fake, loadPlugin, openNote, runCommand, takeNotices, waitForModal } from './harness.js';
import { seedDemo } from './seed.js';
import { FakeElement, requestLog } from './stub/obsidian.js';

/** The text of the panel section whose heading is `title`. */
function sectionText(root: FakeElement, title: string): string {
  const section = root.byClass('ai-memory-section').find((s) => s.byTag('h4')[0]?.textContent === title);
  assert.ok(section, `the panel has a "${title}" section`);
  return section.textContent;
}

describe('obsidian plugin: side panel and search against a running server', () => {
  let server: TestServer;
  let handoffId: string;
  before(async () => {
    server = await startSuiteServer();
    ({ handoffId } = await seedDemo(server));
  });
  after(() => server.dispose());

  it("shows the open note's project: pending handoff, recent sessions, rules and pinned pages", async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, 'default/demo/notes/scratch.md');
    const panel = (await h.plugin.openPanel())!;
    await panel.rendered;
    const root = fake(panel.contentEl);
    assert.equal(root.byTag('h3')[0]?.textContent, 'default/demo');
    const handoff = sectionText(root, 'Pending handoff');
    assert.match(handoff, /Halfway through the migration to Postgres 16/);
    assert.match(handoff, /Run the migration on staging/);
    assert.match(handoff, /Keep the old column\?/);
    // The fields the next agent gets are in the panel too, in the same order.
    assert.match(handoff, /Failures not fixed.*npm run migrate:staging.*relation "users_v2" does not exist/);
    assert.match(handoff, /Files touched.*db\/migrations\/0007-users-v2\.sql.*Decisions.*pg_dump over logical replication/);
    assert.ok(handoff.indexOf('Next steps') < handoff.indexOf('Failures not fixed'), 'next steps before failures');
    const sessions = sectionText(root, 'Recent sessions');
    assert.match(sessions, /Session: tuned search ranking/);
    assert.match(sessions, /Session: fixed the login bug/);
    assert.match(sectionText(root, 'Rules'), /Run the tests first/);
    const pinned = sectionText(root, 'Pinned');
    assert.match(pinned, /Standardised on Postgres/);
    assert.doesNotMatch(pinned, /Scratch/, 'unpinned notes are not listed as pinned');
    assert.doesNotMatch(root.textContent, /No deploys on Friday/, "another project's rule stays out");
    assert.deepEqual(takeNotices(), []);
  });

  it('opens the pages it lists in Obsidian', async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, 'default/demo/notes/scratch.md');
    const panel = (await h.plugin.openPanel())!;
    await panel.rendered;
    await fake(panel.contentEl).button('Standardised on Postgres').click();
    await waitFor(() => h.app.workspace.getActiveFile()?.path === 'default/demo/decisions/0001-postgres.md', 'the decision to open');
    const handoffLink = fake(panel.contentEl).byClass('ai-memory-link').find((a) => a.getAttr('data-path') === `handoffs/${handoffId}.md`);
    assert.ok(handoffLink, 'the handoff links to its page');
    assert.ok(existsSync(join(server.wikiDir, 'default/demo', `handoffs/${handoffId}.md`)));
    await handoffLink.click();
    await waitFor(() => h.app.workspace.getActiveFile()?.path === `default/demo/handoffs/${handoffId}.md`, 'the handoff page to open');
  });

  it('follows the open note into another project', async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, 'default/demo/notes/scratch.md');
    const panel = (await h.plugin.openPanel())!;
    await panel.rendered;
    await openNote(h, 'default/other/rules/no-friday-deploys.md');
    await panel.rendered;
    const root = fake(panel.contentEl);
    assert.equal(root.byTag('h3')[0]?.textContent, 'default/other');
    assert.match(sectionText(root, 'Rules'), /No deploys on Friday/);
    assert.match(sectionText(root, 'Pending handoff'), /No pending handoff/);
  });

  it('shows the default project from the settings when no project note is open', async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url, defaultProject: 'demo' });
    const panel = (await h.plugin.openPanel())!;
    await panel.rendered;
    assert.match(sectionText(fake(panel.contentEl), 'Rules'), /Run the tests first/);
  });

  it('says a project has no memory yet instead of raising an error', async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url, defaultProject: 'not-there-yet' });
    takeNotices();
    const panel = (await h.plugin.openPanel())!;
    await panel.rendered;
    assert.match(fake(panel.contentEl).textContent, /No memory in default\/not-there-yet yet/);
    assert.deepEqual(takeNotices(), []);
  });

  it('searches memory through the server, shows snippets, and opens the chosen page', async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, 'default/demo/notes/scratch.md');
    await runCommand(h, 'search');
    const modal = await waitForModal(h, MemorySearchModal);
    const hits = await modal.getSuggestions('postgres jsonb');
    assert.equal(hits[0]?.path, 'decisions/0001-postgres.md');
    assert.ok(hits.every((hit) => hit.project === 'demo'), 'the search is scoped to the open note\'s project');
    const el = new FakeElement('div');
    modal.renderSuggestion(hits[0]!, el as unknown as HTMLElement);
    assert.match(el.textContent, /Standardised on Postgres/);
    assert.match(el.textContent, /Matched: title(, [a-z]+)*( and body)?/, 'says why it matched');
    assert.ok(el.byTag('mark').some((mark) => /postgres|jsonb/i.test(mark.textContent)), 'matches are marked');
    assert.doesNotMatch(el.textContent, /<mark>/, 'the snippet is not shown as raw HTML');
    modal.onChooseSuggestion(hits[0]!);
    await waitFor(() => h.app.workspace.getActiveFile()?.path === 'default/demo/decisions/0001-postgres.md', 'the hit to open');
    assert.deepEqual(await modal.getSuggestions('zzzqqq nothing'), []);
    assert.match(modal.emptyStateText, /No memory matches/);
  });

  it('searches every project and says where each hit lives', async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, 'default/demo/notes/scratch.md');
    await runCommand(h, 'search-all');
    const modal = await waitForModal(h, MemorySearchModal);
    const hits = await modal.getSuggestions('zookeeper quorum');
    assert.equal(hits[0]?.project, 'other');
    const el = new FakeElement('div');
    modal.renderSuggestion(hits[0]!, el as unknown as HTMLElement);
    assert.match(el.textContent, /default\/other · rules\/no-friday-deploys\.md/);
  });

  it('speaks MCP as the server expects: initialize once per server, then plain tool calls', async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url, defaultProject: 'demo' });
    requestLog.splice(0);
    const panel = (await h.plugin.openPanel())!;
    await panel.rendered;
    await panel.refresh();
    const bodies = requestLog.filter((r) => r.url.endsWith('/mcp')).map((r) => JSON.parse(r.body ?? '{}') as { method?: string });
    assert.equal(bodies.filter((b) => b.method === 'initialize').length, 1);
    assert.equal(bodies.filter((b) => b.method === 'tools/call').length, 4, 'two tools per refresh');
    // The same client works over fetch, as tests and other hosts use it.
    const connection = new Connection(() => ({ serverUrl: server.url, authToken: '' }), fetchTransport());
    const status = await new McpClient(connection, 'test').callTool<{ scope: { project: string } }>('memory_status', { workspace: 'default', project: 'demo' });
    assert.equal(status.scope.project, 'demo');
  });
});
