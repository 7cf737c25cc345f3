import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MemorySearchModal } from '../../obsidian-plugin/src/views/search-modal.js';
import { SaveMemoryModal } from '../../obsidian-plugin/src/views/save-modal.js';
import { HISTORY_VIEW, PageHistoryView } from '../../obsidian-plugin/src/views/history-view.js';
import { startTestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';
import { fake, isOpen, loadPlugin, openNote, PLUGIN_DIR, runCommand, settingNamed, takeNotices, waitForModal } from './harness.js';
import { demo, seedDemo } from './seed.js';
import type { TextComponent } from './stub/ui.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('obsidian plugin: an unreachable server', () => {
  it('gives one clear notice, shows the problem in place, and breaks nothing', async () => {
    const port = await closedPort();
    const vault = await tempDir('aim-vault-');
    mkdirSync(join(vault, 'default/demo/notes'), { recursive: true });
    writeFileSync(join(vault, 'default/demo/notes/a.md'), '# A\n\nsome text\n');
    const url = `http://127.0.0.1:${port}`;
    const h = await loadPlugin(vault, { serverUrl: url });
    takeNotices();
    await openNote(h, 'default/demo/notes/a.md');

    const panel = (await h.plugin.openPanel())!;
    await panel.rendered;
    const panelText = fake(panel.contentEl).textContent;
    assert.match(panelText, new RegExp(`not reachable: cannot reach the server at ${url}`));
    fake(panel.contentEl).button('Retry');

    await runCommand(h, 'page-history');
    const history = await waitFor(() => h.app.workspace.getLeavesOfType(HISTORY_VIEW)[0]?.view, 'the history view');
    assert.ok(history instanceof PageHistoryView);
    await history.rendered;
    assert.match(fake(history.contentEl).textContent, /not reachable/);

    await runCommand(h, 'search');
    const search = await waitForModal(h, MemorySearchModal);
    assert.deepEqual(await search.getSuggestions('anything'), []);
    assert.match(search.emptyStateText, /Search failed: cannot reach the server/);

    assert.equal((await h.plugin.checkIndex())?.state, 'offline');
    assert.equal(h.app.statusBarItems[0]?.textContent, 'Memory: server offline');

    const background = takeNotices();
    assert.equal(background.length, 1, `one notice for the background failures, got: ${background.join(' | ')}`);
    assert.match(background[0]!, new RegExp(`cannot reach the server at ${url}.*Is "ai-memory serve" running\\? Check the server URL in Settings → AI Memory`));

    // An action the user asked for always says why it failed.
    await runCommand(h, 'save-as-memory', { selection: 'remember this' });
    const save = await waitForModal(h, SaveMemoryModal);
    await fake(save.contentEl).button('Save').click();
    assert.equal(await save.saved, null);
    assert.match(takeNotices()[0] ?? '', /saving the memory failed: cannot reach the server/);
    assert.equal(isOpen(h, save), true, 'the note and the form are kept');
    assert.equal(readFileSync(join(vault, 'default/demo/notes/a.md'), 'utf8'), '# A\n\nsome text\n');

    // When the server comes up, Retry brings the panel back.
    const server = await startTestServer({ port });
    await seedDemo(server);
    await fake(panel.contentEl).button('Retry').click();
    await panel.rendered;
    assert.match(fake(panel.contentEl).textContent, /Halfway through the migration/);
  });
});

describe('obsidian plugin: another program on the port', () => {
  it('says the URL does not point at ai-memory', async () => {
    const other = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    after(() => new Promise((resolve) => other.close(resolve)));
    const url = `http://127.0.0.1:${(other.address() as { port: number }).port}/`;
    const vault = await tempDir('aim-vault-');
    const h = await loadPlugin(vault, { serverUrl: url, defaultProject: 'demo' });
    assert.match(await h.plugin.testConnection(), /not JSON; is the server URL pointing at ai-memory\?/);
    takeNotices();
    const panel = (await h.plugin.openPanel())!;
    await panel.rendered;
    assert.match(fake(panel.contentEl).textContent, /is the server URL pointing at ai-memory\?/);
    assert.equal(takeNotices().length, 1);
  });
});

describe('obsidian plugin: a server with a token', () => {
  it('sends the token from the settings; a wrong token gets a notice that says what to do', async () => {
    const server = await startTestServer({ authToken: 'sekrit-token-1' });
    const good = await loadPlugin(server.wikiDir, { serverUrl: server.url, authToken: 'sekrit-token-1', defaultProject: 'demo' });
    assert.match(await good.plugin.testConnection(), /^Connected to ai-memory test; 0 workspaces\.$/);
    const saved = await good.plugin.api.writePage({ ...demo, path: 'rules/r.md', body: '# A rule\n', kind: 'rule' });
    assert.equal(saved.status, 'created');
    const panel = (await good.plugin.openPanel())!;
    await panel.rendered;
    assert.match(fake(panel.contentEl).textContent, /A rule/);

    takeNotices();
    const bad = await loadPlugin(server.wikiDir, { serverUrl: server.url, authToken: 'wrong', defaultProject: 'demo' });
    const badPanel = (await bad.plugin.openPanel())!;
    await badPanel.rendered;
    assert.match(fake(badPanel.contentEl).textContent, /the token is not valid/);
    assert.match(takeNotices()[0] ?? '', /the token is not valid\. Set the auth token in Settings → AI Memory/);
    assert.match(await bad.plugin.testConnection(), /token is not valid/);
  });

  it('keeps the token in the plugin data, out of notes and out of git', async () => {
    const server = await startTestServer();
    const h = await loadPlugin(server.wikiDir, { serverUrl: server.url });
    const tab = h.app.settingTabs[0]!;
    tab.display();
    await (settingNamed(tab.containerEl, 'Auth token').components[0] as TextComponent).userSets('sekrit-token-2');
    assert.equal((settingNamed(tab.containerEl, 'Auth token').components[0] as TextComponent).inputEl.type, 'password');
    await waitFor(() => readFileSync(join(server.wikiDir, PLUGIN_DIR, 'data.json'), 'utf8').includes('sekrit-token-2'), 'the token to be saved');
    await waitFor(() => {
      try {
        execFileSync('git', ['-C', server.wikiDir, 'check-ignore', '-q', `${PLUGIN_DIR}/data.json`]);
        return true;
      } catch {
        return false;
      }
    }, 'data.json to be ignored by git');
    const notes = (readdirSync(server.wikiDir, { recursive: true }) as string[]).filter((p) => p.endsWith('.md'));
    for (const note of notes) assert.doesNotMatch(readFileSync(join(server.wikiDir, note), 'utf8'), /sekrit-token-2/, note);
  });
});
