import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PageResponse } from '../../lib/core/contract.js';
import { titleSlug } from '../../lib/core/title-slug.js';
import { snippetSegments, stripFrontmatter, titleFromText } from '../../obsidian-plugin/src/markdown-text.js';
import { Notifier } from '../../obsidian-plugin/src/notifier.js';
import { ServerError } from '../../obsidian-plugin/src/errors.js';
import { lineDiff, restoreRequest, versionText } from '../../obsidian-plugin/src/page-history.js';
import { defaultSaveForm, formProblem, saveRequest } from '../../obsidian-plugin/src/save-memory.js';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../obsidian-plugin/src/settings.js';
import { pageRefOf, scopeOfVaultPath, suggestedPath, vaultPathOf } from '../../obsidian-plugin/src/vault-paths.js';

describe('obsidian plugin: vault paths', () => {
  it('maps a note to its workspace, project and page path, and back', () => {
    const ref = pageRefOf('default/demo/decisions/0001-db.md');
    assert.deepEqual(ref, { workspace: 'default', project: 'demo', path: 'decisions/0001-db.md' });
    assert.equal(vaultPathOf(ref!), 'default/demo/decisions/0001-db.md');
    assert.deepEqual(pageRefOf('acme/api/notes/deep/er/page.md'), { workspace: 'acme', project: 'api', path: 'notes/deep/er/page.md' });
    assert.deepEqual(pageRefOf('default/_global/rules/style.md'), { workspace: 'default', project: '_global', path: 'rules/style.md' });
  });

  it('is not fooled by notes that are not memory pages', () => {
    for (const path of ['README.md', 'default/demo.md', 'default/demo/_project.md', '.obsidian/plugins/ai-memory/data.md', 'default/demo/.trash/x.md', 'default/demo/image.png', 'Inbox/My Note.md/x.md', 'default/Demo/x.md']) {
      assert.equal(pageRefOf(path), null, path);
    }
    assert.deepEqual(scopeOfVaultPath('default/demo/_project.md'), { workspace: 'default', project: 'demo' });
    assert.equal(scopeOfVaultPath('Inbox/idea.md'), null);
  });

  it('honours a wiki folder inside a bigger vault', () => {
    assert.deepEqual(pageRefOf('Memory/default/demo/notes/a.md', 'Memory/'), { workspace: 'default', project: 'demo', path: 'notes/a.md' });
    assert.equal(pageRefOf('default/demo/notes/a.md', 'Memory'), null);
    assert.equal(vaultPathOf({ workspace: 'default', project: 'demo', path: 'notes/a.md' }, '/Memory/'), 'Memory/default/demo/notes/a.md');
  });

  it('suggests portable page paths from titles', () => {
    assert.equal(suggestedPath('decisions', 'Standardised on Postgres 16!'), 'decisions/standardised-on-postgres-16.md');
    assert.equal(suggestedPath('notes', 'Café über alles'), 'notes/cafe-uber-alles.md');
    assert.equal(suggestedPath('notes', '???'), 'notes/untitled.md');
    // The plugin keeps its own copy of the server's title slug (it shares only types with lib/).
    for (const title of ['Pool size & max_connections', 'Ünïcödé — dashes', `${'long words '.repeat(10)}end`, '  --x--  ']) {
      assert.equal(suggestedPath('notes', title), `notes/${titleSlug(title)}.md`, title);
    }
  });
});

describe('obsidian plugin: text helpers', () => {
  it('strips frontmatter and finds titles', () => {
    assert.equal(stripFrontmatter('---\ntitle: X\ntags: [a]\n---\n# Body\n'), '# Body\n');
    assert.equal(stripFrontmatter('# No frontmatter\n---\n'), '# No frontmatter\n---\n');
    assert.equal(titleFromText('```\n# not this\n```\n# This one\n', 'stem'), 'This one');
    assert.equal(titleFromText('\n\n> - first real line\n', 'stem'), 'first real line');
    assert.equal(titleFromText('   \n', 'stem'), 'stem');
  });

  it('turns a snippet into text segments with the matches marked, never HTML', () => {
    const segments = snippetSegments('we chose <mark>Postgres</mark> &lt;script&gt; &amp; <b>x</b>');
    assert.deepEqual(segments, [
      { text: 'we chose ', mark: false },
      { text: 'Postgres', mark: true },
      { text: ' <script> & x', mark: false },
    ]);
  });
});

describe('obsidian plugin: settings and notices', () => {
  it('falls back to defaults for missing or mistyped settings', () => {
    assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
    assert.equal(DEFAULT_SETTINGS.serverUrl, 'http://127.0.0.1:49374');
    const settings = normalizeSettings({ serverUrl: 'http://h:1', authToken: 42, defaultProject: 'demo' });
    assert.equal(settings.serverUrl, 'http://h:1');
    assert.equal(settings.authToken, '');
    assert.equal(settings.defaultProject, 'demo');
  });

  it('says "server unreachable" once, not on every background refresh', () => {
    const shown: string[] = [];
    let now = 0;
    const notifier = new Notifier((m) => shown.push(m), () => now);
    const offline = new ServerError('unreachable', 'cannot reach the server at http://127.0.0.1:9');
    notifier.error(offline, 'loading', { quiet: true });
    notifier.error(offline, 'search', { quiet: true });
    assert.equal(shown.length, 1);
    assert.match(shown[0]!, /cannot reach the server at http:\/\/127\.0\.0\.1:9.*ai-memory serve/);
    notifier.error(offline, 'saving');
    assert.equal(shown.length, 2, 'an action the user asked for always reports');
    now += 60_000;
    notifier.error(offline, 'loading', { quiet: true });
    assert.equal(shown.length, 3);
  });
});

function page(fields: Partial<PageResponse>): PageResponse {
  return {
    workspace: 'default',
    project: 'demo',
    path: 'decisions/db.md',
    title: 'DB',
    kind: 'decision',
    tier: 'semantic',
    pinned: false,
    tags: [],
    frontmatter: {},
    body: '# DB\n',
    links: [],
    backlinks: [],
    supersedes: [],
    superseded_by: [],
    ...fields,
  };
}

describe('obsidian plugin: history and restore', () => {
  it('diffs versions line by line, frontmatter included but not the updated stamp', () => {
    const before = page({ frontmatter: { kind: 'decision', updated: '2026-01-01' }, body: 'a\nb\nc\n' });
    const after = page({ frontmatter: { kind: 'decision', pinned: true, updated: '2026-02-02' }, body: 'a\nB\nc\n' });
    const lines = lineDiff(versionText(before), versionText(after));
    assert.deepEqual(lines.filter((l) => l.type !== 'same').map((l) => `${l.type} ${l.text}`), ['added pinned: true', 'removed b', 'added B']);
  });

  it('restores the body and resets memory fields set since', () => {
    const old = page({ frontmatter: { kind: 'decision' }, body: '# DB\nold\n' });
    const current = page({ frontmatter: { kind: 'decision', pinned: true, tags: ['x'] }, pinned: true, tags: ['x'], body: '# DB\nnew\n' });
    assert.deepEqual(restoreRequest(old, current), { workspace: 'default', project: 'demo', path: 'decisions/db.md', body: '# DB\nold\n', kind: 'decision', tags: [], pinned: false });
  });
});

describe('obsidian plugin: save as durable memory', () => {
  const settings = { ...DEFAULT_SETTINGS, defaultProject: 'demo' };

  it('saves a project note onto its own page, and a selection as a new page', () => {
    const whole = defaultSaveForm({ notePath: 'default/demo/decisions/db.md', noteText: '---\ntags: [a]\n---\n# Use Postgres\nbecause\n', selection: '', settings });
    assert.equal(whole.inPlace, true);
    assert.equal(whole.path, 'decisions/db.md');
    assert.equal(whole.kind, 'decision');
    assert.equal(whole.body, '# Use Postgres\nbecause\n');
    assert.deepEqual(saveRequest(whole), { workspace: 'default', project: 'demo', path: 'decisions/db.md', body: '# Use Postgres\nbecause\n', kind: 'decision', pinned: false });

    const part = defaultSaveForm({ notePath: 'Inbox/idea.md', noteText: 'x', selection: 'Cache the index between restarts', settings });
    assert.equal(part.inPlace, false);
    assert.deepEqual([part.workspace, part.project, part.path, part.title], ['default', 'demo', 'notes/cache-the-index-between-restarts.md', 'Cache the index between restarts']);
    assert.equal(saveRequest(part).title, 'Cache the index between restarts');
  });

  it('names what is missing before anything is sent', () => {
    const form = defaultSaveForm({ notePath: 'Inbox/idea.md', noteText: '---\na: 1\n---\n', selection: '', settings: DEFAULT_SETTINGS });
    assert.match(formProblem(form)!, /choose a workspace and a project/);
    assert.match(formProblem({ ...form, project: 'demo' })!, /nothing to save/);
  });
});
