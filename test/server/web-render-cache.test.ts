import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

/**
 * The web UI keeps rendered markdown, project listings and folder trees between requests.
 * What a person sees must still be the page as it is now: every change shows on the next load.
 */
describe('/web shows the current page after it changes', () => {
  let server: TestServer;
  const page = (path: string) => fetch(`${server.url}/web/w/default/cache/p/${path}`).then((r) => r.text());
  const deletePage = (path: string) =>
    fetch(`${server.url}/admin/delete-page`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspace: 'default', project: 'cache', path }),
    });
  const article = (html: string) => html.slice(html.indexOf('<article'), html.indexOf('</article>'));
  const sidebar = (html: string) => html.slice(html.indexOf('<nav class="sidebar"'), html.indexOf('</nav>', html.indexOf('<nav class="sidebar"')));
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    await server.client.writePage({ project: 'cache', path: 'notes/plan.md', title: 'Plan', body: 'First **draft** of the plan.\n\nSee [[Rollout]].' });
  });

  it('renders the same page the same way when it is read again', async () => {
    const first = await page('notes/plan.md');
    const second = await page('notes/plan.md');
    assert.match(article(first), /First <strong>draft<\/strong> of the plan/);
    assert.equal(article(second), article(first));
  });

  it('shows an edit made through the API on the next load', async () => {
    assert.match(article(await page('notes/plan.md')), /First <strong>draft<\/strong>/);
    await server.client.writePage({ project: 'cache', path: 'notes/plan.md', title: 'Plan', body: 'Second version, now with a `code span`.\n\nSee [[Rollout]].' });
    const text = article(await page('notes/plan.md'));
    assert.match(text, /Second version, now with a <code>code span<\/code>/);
    assert.doesNotMatch(text, /First/);
  });

  it('shows an edit made to the file on disk on the next load', async () => {
    assert.match(article(await page('notes/plan.md')), /Second version/);
    const file = join(server.wikiDir, 'default/cache/notes/plan.md');
    await writeFile(file, '---\ntitle: Plan\n---\n\nEdited in an editor: *third* version.\n');
    const text = article(await page('notes/plan.md'));
    assert.match(text, /Edited in an editor: <em>third<\/em> version/);
    assert.doesNotMatch(text, /Second version/);
  });

  it('shows the old text again when a page goes back to it', async () => {
    await server.client.writePage({ project: 'cache', path: 'notes/back.md', title: 'Back', body: 'Version A' });
    assert.match(article(await page('notes/back.md')), /Version A/);
    await server.client.writePage({ project: 'cache', path: 'notes/back.md', title: 'Back', body: 'Version B' });
    assert.match(article(await page('notes/back.md')), /Version B/);
    await server.client.writePage({ project: 'cache', path: 'notes/back.md', title: 'Back', body: 'Version A' });
    const text = article(await page('notes/back.md'));
    assert.match(text, /Version A/);
    assert.doesNotMatch(text, /Version B/);
  });

  it('turns a link to a missing page into a link once that page exists, and back once it is deleted', async () => {
    await server.client.writePage({ project: 'cache', path: 'notes/links.md', title: 'Links', body: 'Next: [[Launch checklist]].' });
    const missing = /<span class="wikilink missing">Launch checklist<\/span>/;
    assert.match(article(await page('notes/links.md')), missing);
    await server.client.writePage({ project: 'cache', path: 'notes/launch-checklist.md', title: 'Launch checklist', body: 'Steps.' });
    const linked = article(await page('notes/links.md'));
    assert.match(linked, /<a href="\/web\/w\/default\/cache\/p\/notes\/launch-checklist\.md" class="wikilink" title="Launch checklist">Launch checklist<\/a>/);
    assert.equal((await deletePage('notes/launch-checklist.md')).status, 200);
    assert.match(article(await page('notes/links.md')), missing);
  });

  it('lists a page in the folder tree as soon as it is created, and drops it once deleted', async () => {
    assert.doesNotMatch(sidebar(await page('notes/plan.md')), /Fresh idea/);
    await server.client.writePage({ project: 'cache', path: 'notes/fresh.md', title: 'Fresh idea', body: 'New.' });
    assert.match(sidebar(await page('notes/plan.md')), /<span class="t">Fresh idea<\/span>/);
    const project = await fetch(`${server.url}/web/w/default/cache`).then((r) => r.text());
    assert.match(project, /Fresh idea/);
    assert.equal((await deletePage('notes/fresh.md')).status, 200);
    assert.doesNotMatch(sidebar(await page('notes/plan.md')), /Fresh idea/);
    const listed = (await fetch(`${server.url}/api/v1/workspaces/default/projects/cache/pages`).then((r) => r.json())) as { pages: Array<{ path: string }> };
    assert.ok(!listed.pages.some((p) => p.path === 'notes/fresh.md'));
  });
});
