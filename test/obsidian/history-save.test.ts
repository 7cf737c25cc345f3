import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HISTORY_VIEW, PageHistoryView } from '../../obsidian-plugin/src/views/history-view.js';
import { ConfirmModal } from '../../obsidian-plugin/src/views/confirm-modal.js';
import { SaveMemoryModal } from '../../obsidian-plugin/src/views/save-modal.js';
import { commitSubjects, git } from '../helpers/git.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { fake, isOpen, loadPlugin, openNote, runCommand, settingNamed, takeNotices, waitForModal, type Harness } from './harness.js';
import { demo } from './seed.js';
import type { DropdownComponent, ToggleComponent } from './stub/ui.js';

const PAGE = 'decisions/0002-queue.md';
const NOTE = `default/demo/${PAGE}`;

async function historyView(h: Harness): Promise<PageHistoryView> {
  const view = await waitFor(() => h.app.workspace.getLeavesOfType(HISTORY_VIEW)[0]?.view, 'the history view');
  assert.ok(view instanceof PageHistoryView);
  await view.rendered;
  return view;
}

function commitRows(view: PageHistoryView) {
  return fake(view.contentEl).byClass('ai-memory-commit');
}

describe('obsidian plugin: page history, restore and save against a running server', () => {
  let server: TestServer;
  before(async () => {
    server = await startSuiteServer();
    await server.client.writePage({ ...demo, path: PAGE, body: '# Queue\n\nWe use RabbitMQ for jobs.\n' });
    await server.client.writePage({ ...demo, path: PAGE, body: '# Queue\n\nWe use Redis streams for jobs.\n', pinned: true });
  });
  after(() => server.dispose());

  it("lists the note's commits; each version can be read and diffed", async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, NOTE);
    assert.equal(await runCommand(h, 'page-history'), true);
    const view = await historyView(h);
    const rows = commitRows(view);
    assert.equal(rows.length, 2);
    assert.match(rows[0]!.textContent, /Update default\/demo\/decisions\/0002-queue\.md: Queue/);
    assert.match(rows[1]!.textContent, /Create default\/demo\/decisions\/0002-queue\.md: Queue/);

    await rows[1]!.button('View').click();
    await view.rendered;
    const detail = () => fake(view.contentEl).byClass('ai-memory-detail')[0]!;
    assert.match(detail().textContent, /RabbitMQ/);
    assert.doesNotMatch(detail().textContent, /Redis/);

    await rows[1]!.button('Diff with current').click();
    await view.rendered;
    const removed = detail().byClass('ai-memory-diff-removed').map((l) => l.textContent);
    const added = detail().byClass('ai-memory-diff-added').map((l) => l.textContent);
    assert.ok(removed.some((l) => l.includes('RabbitMQ')), `removed: ${removed.join('|')}`);
    assert.ok(added.some((l) => l.includes('Redis streams')), `added: ${added.join('|')}`);
    assert.ok(added.some((l) => l.includes('pinned: true')), 'frontmatter changes show too');

    await rows[0]!.button('Changes').click();
    await view.rendered;
    assert.ok(detail().byClass('ai-memory-diff-removed').some((l) => l.textContent.includes('RabbitMQ')));
  });

  it('restores an old version through the server, as a new commit', async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, NOTE);
    await runCommand(h, 'page-history');
    const view = await historyView(h);
    const oldest = commitRows(view)[1]!;
    const short = oldest.getAttr('data-commit')!.slice(0, 7);
    assert.throws(() => commitRows(view)[0]!.button('Restore this version'), 'the current version offers no restore');
    takeNotices();
    await oldest.button('Restore this version').click();
    const confirm = await waitForModal(h, ConfirmModal);
    await fake(confirm.contentEl).button('Restore').click();
    await view.rendered;

    const text = readFileSync(join(server.wikiDir, NOTE), 'utf8');
    assert.match(text, /RabbitMQ/);
    assert.doesNotMatch(text, /Redis/);
    assert.doesNotMatch(text, /pinned/, 'the pin added later is gone');
    assert.equal(git(server.wikiDir, 'log', '--format=%s', '--', NOTE).trim().split('\n').length, 3);
    assert.equal(commitRows(view).length, 3, 'the view shows the restore');
    assert.ok(takeNotices().some((n) => n.includes(`restored to ${short}`)));
  });

  it('is not offered for notes that are not memory pages', async () => {
    writeFileSync(join(server.wikiDir, 'README.md'), '# Vault readme\n');
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, 'README.md');
    assert.equal(await runCommand(h, 'page-history'), false);
  });

  it('saves a selection as a new pinned decision, committed and searchable', async () => {
    writeFileSync(join(server.wikiDir, 'Inbox.md'), '# Inbox\n\nCache the search index on disk between restarts.\nOther stuff.\n');
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url, defaultProject: 'demo' });
    await openNote(h, 'Inbox.md');
    assert.equal(await runCommand(h, 'save-as-memory', { selection: 'Cache the search index on disk between restarts.' }), true);
    const modal = await waitForModal(h, SaveMemoryModal);
    const root = fake(modal.contentEl);
    await (settingNamed(root, 'Kind').components[0] as DropdownComponent).userSets('decision');
    await (settingNamed(root, 'Pinned').components[0] as ToggleComponent).userSets(true);
    assert.equal(modal.form.path, 'decisions/cache-the-search-index-on-disk-between-restarts.md');
    await root.button('Save').click();
    const result = await modal.saved;
    assert.equal(result?.status, 'created');

    const rel = 'default/demo/decisions/cache-the-search-index-on-disk-between-restarts.md';
    const text = readFileSync(join(server.wikiDir, rel), 'utf8');
    assert.match(text, /^kind: decision$/m);
    assert.match(text, /^pinned: true$/m);
    assert.match(text, /^title: Cache the search index on disk between restarts\.$/m);
    assert.match(text, /Cache the search index on disk between restarts\./);
    assert.doesNotMatch(text, /Other stuff/, 'only the selection is saved');
    assert.equal(commitSubjects(server.wikiDir)[0], `Create ${rel}: Cache the search index on disk between restarts.`);
    assert.equal(isOpen(h, modal), false);
    await waitFor(() => h.app.workspace.getActiveFile()?.path === rel, 'the new page to open');
    const hits = (await server.client.search({ q: 'cache index restarts', workspace: 'default', project: 'demo' })).hits;
    assert.equal(hits[0]?.path, 'decisions/cache-the-search-index-on-disk-between-restarts.md');
    assert.ok(takeNotices().some((n) => n.includes('saved as decision default/demo/decisions/cache-the-search-index')));
  });

  it('saves the whole note onto its own page, keeping its other frontmatter', async () => {
    await server.client.writePage({ ...demo, path: 'notes/deploys.md', body: '# Deploys\n\nNever deploy with a dirty tree.\n', tags: ['ops'] });
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, 'default/demo/notes/deploys.md');
    await runCommand(h, 'save-as-memory');
    const modal = await waitForModal(h, SaveMemoryModal);
    assert.equal(modal.form.inPlace, true);
    const root = fake(modal.contentEl);
    await (settingNamed(root, 'Kind').components[0] as DropdownComponent).userSets('gotcha');
    await (settingNamed(root, 'Pinned').components[0] as ToggleComponent).userSets(true);
    assert.equal(modal.form.path, 'notes/deploys.md', 'the note keeps its path');
    await root.button('Save').click();
    assert.equal((await modal.saved)?.status, 'updated');
    const text = readFileSync(join(server.wikiDir, 'default/demo/notes/deploys.md'), 'utf8');
    assert.match(text, /^kind: gotcha$/m);
    assert.match(text, /^pinned: true$/m);
    assert.match(text, /ops/);
    assert.match(text, /Never deploy with a dirty tree\./);
    assert.doesNotMatch(text, /^title:/m, 'no title key added when the heading says it');
  });

  it('refuses to save without a project, says why, and writes nothing', async () => {
    const before = commitSubjects(server.wikiDir).length;
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, 'Inbox.md');
    await runCommand(h, 'save-as-memory');
    const modal = await waitForModal(h, SaveMemoryModal);
    takeNotices();
    await fake(modal.contentEl).button('Save').click();
    assert.equal(await modal.saved, null);
    assert.match(takeNotices()[0] ?? '', /choose a workspace and a project/);
    assert.equal(isOpen(h, modal), true, 'the modal stays open to fix it');
    assert.equal(commitSubjects(server.wikiDir).length, before);
  });

  it('reports a refused write in a notice and keeps the modal open', async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url, defaultProject: 'demo' });
    await openNote(h, 'Inbox.md');
    await runCommand(h, 'save-as-memory', { selection: 'something' });
    const modal = await waitForModal(h, SaveMemoryModal);
    await (settingNamed(fake(modal.contentEl), 'Path').components[0] as DropdownComponent).userSets('../escape.md');
    takeNotices();
    await fake(modal.contentEl).button('Save').click();
    assert.equal(await modal.saved, null);
    assert.match(takeNotices()[0] ?? '', /saving the memory failed: .*escapes its project/);
    assert.equal(isOpen(h, modal), true);
  });

  it('shows whether the server has indexed the open note, and catches up after an edit', async () => {
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, 'default/demo/notes/deploys.md');
    await waitFor(() => h.plugin.indexState?.state === 'indexed', 'the note to show as indexed');
    assert.equal(h.app.statusBarItems[0]?.textContent, 'Memory: indexed');
    const file = h.app.vault.getAbstractFileByPath('default/demo/notes/deploys.md')!;
    await h.app.vault.modify(file, `${await h.app.vault.read(file)}\nAlso: tag releases.\n`);
    // The server's watcher indexes the save; the status follows.
    await waitFor(async () => (await server.client.search({ q: 'tag releases', workspace: 'default', project: 'demo' })).hits.length > 0, 'the watcher to index the edit', 15_000);
    await waitFor(() => h.plugin.indexState?.state === 'indexed', 'the status to show the edit indexed', 15_000);
  });
});

describe('obsidian plugin: index state without a watcher', () => {
  it('says "not indexed yet" until the server has indexed the latest save', async () => {
    const server = await startSuiteServer({ watch: false });
    after(() => server.dispose());
    await server.client.writePage({ ...demo, path: 'notes/a.md', body: '# A\n\nfirst\n' });
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    await openNote(h, 'default/demo/notes/a.md');
    assert.equal((await h.plugin.checkIndex())?.state, 'indexed');
    writeFileSync(join(server.wikiDir, 'default/demo/notes/a.md'), '# A\n\nsecond\n');
    const state = await h.plugin.checkIndex();
    assert.equal(state?.state, 'pending');
    assert.equal(h.app.statusBarItems[0]?.textContent, 'Memory: not indexed yet');
    await server.client.reindex();
    assert.equal((await h.plugin.checkIndex())?.state, 'indexed');
    // A timed re-check that finds the note gone clears the status instead of throwing.
    rmSync(join(server.wikiDir, 'default/demo/notes/a.md'));
    assert.equal(await h.plugin.checkIndex(), null);
    assert.equal(h.app.statusBarItems[0]?.textContent, '');
  });
});
