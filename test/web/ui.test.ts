import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { seedWebWiki, WEB_PAGES } from '../helpers/web-wiki.js';
import { browserSkip, launchBrowser, screenshot } from './browser.js';

describe('web UI in chromium', { skip: browserSkip }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  before(async () => {
    server = await startSuiteServer();
    await seedWebWiki(server);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('goes home -> project -> page -> history -> an old version', async () => {
    await page.goto(`${server.url}/web/`);
    await screenshot(page, '01-home');
    const card = page.locator('a.card[data-project="demo"]');
    assert.match(await card.innerText(), /handoff pending/);
    await card.click();
    await page.waitForURL(/\/web\/w\/default\/demo$/);
    assert.equal(await page.locator('h1').innerText(), 'demo');
    assert.match(await page.locator('.handoff').innerText(), /Redis cache/);
    // Code in a handoff (a prompt naming a function) reads as code, not as raw backticks.
    assert.equal(await page.locator('.handoff li code').first().innerText(), 'getUser');
    await screenshot(page, '02-project');

    await page.locator('.sidebar a', { hasText: 'Use SQLite for the prototype' }).click();
    await page.waitForURL(/p\/decisions\/0001-database\.md$/);
    assert.match(await page.locator('article.markdown').innerText(), /Done: see the Postgres decision/);
    assert.match(await page.locator('.banner').first().innerText(), /Superseded by Move to Postgres 16/);
    await screenshot(page, '03-page');

    await page.locator('.page-head a', { hasText: 'History' }).click();
    await page.waitForURL(/\/history\/decisions\/0001-database\.md$/);
    const rows = page.locator('.history-table tbody tr');
    assert.equal(await rows.count(), 3);
    await screenshot(page, '04-history');

    // The oldest version: the page as it was first written.
    await rows.last().locator('a', { hasText: 'view' }).click();
    await page.waitForURL(/\?rev=/);
    assert.match(await page.locator('[data-old-version]').innerText(), /You are viewing this page as of/);
    const oldText = await page.locator('article.markdown').innerText();
    assert.match(oldText, /We start with SQLite\./);
    assert.doesNotMatch(oldText, /Revisit at 1k users/);
    await screenshot(page, '05-old-version');
    // Our own pages never need what the policy forbids (inline script or style, other origins).
    assert.deepEqual(cspViolations, []);
  });

  it('shows what a commit changed as a diff against the previous version', async () => {
    await page.goto(`${server.url}/web/w/default/demo/history/${WEB_PAGES.db}`);
    await page.locator('.history-table tbody tr').nth(1).locator('a', { hasText: 'diff' }).click();
    await page.waitForURL(/\/diff\//);
    const added = await page.locator('.diff tr.add td.code').allInnerTexts();
    const removed = await page.locator('.diff tr.del td.code').allInnerTexts();
    assert.ok(added.some((line) => line.includes('We start with SQLite because it needs no server.')), added.join('\n'));
    assert.ok(removed.some((line) => line === 'We start with SQLite.'), removed.join('\n'));
    await screenshot(page, '06-diff');
  });

  it('suggests titles while typing and searches with highlighted snippets and a kind filter', async () => {
    await page.goto(`${server.url}/web/w/default/demo`);
    const box = page.locator('header input[type=search]');
    await box.fill('cach');
    const suggestion = page.locator('.suggest li a', { hasText: 'Cache layer' });
    await suggestion.waitFor();
    await screenshot(page, '07-typeahead');
    await box.fill('redis');
    await box.press('Enter');
    await page.waitForURL(/\/web\/search\?q=redis/);
    const hits = page.locator('.hit');
    assert.ok((await hits.count()) >= 1);
    assert.match(await page.locator('.hit h2').first().innerText(), /Cache layer/);
    assert.ok((await page.locator('.hit mark').count()) >= 1);
    await screenshot(page, '08-search');

    await page.locator('.chip', { hasText: 'decision' }).click();
    await page.waitForURL(/kind=decision/);
    const titles = await page.locator('.hit h2 a').allInnerTexts();
    assert.ok(titles.every((t) => /SQLite|Postgres/.test(t)), titles.join(', '));
  });

  it('opens a suggestion from the keyboard', async () => {
    await page.goto(`${server.url}/web/w/default/demo`);
    const box = page.locator('header input[data-suggest]');
    await box.fill('postgres');
    await page.locator('header .suggest li a', { hasText: 'Move to Postgres 16' }).waitFor();
    await screenshot(page, '07b-project-search');
    await box.press('ArrowDown');
    // Screen readers hear which option the arrow picked: the box is a combobox pointing at it.
    assert.equal(await box.getAttribute('role'), 'combobox');
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    const listId = await box.getAttribute('aria-controls');
    const activeId = await box.getAttribute('aria-activedescendant');
    assert.ok(listId && activeId, `aria-controls=${listId} aria-activedescendant=${activeId}`);
    assert.equal(await page.locator(`#${listId} [role=option][aria-selected=true]`).getAttribute('id'), activeId);
    await box.press('Enter');
    await page.waitForURL(/p\/decisions\/0002-postgres-16\.md$/);
  });

  it('lets the keyboard skip the header and the folder tree, and never skips a heading level', async () => {
    await page.goto(`${server.url}/web/w/default/demo/p/${WEB_PAGES.cache}`);
    await page.keyboard.press('Tab');
    const skip = page.locator(':focus');
    assert.equal(await skip.innerText(), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await inPage<string>(page, 'document.activeElement.id'), 'content');
    for (const path of [`/web/w/default/demo/p/${WEB_PAGES.db}`, '/web/search?q=redis', '/web/w/default/demo', '/web/']) {
      await page.goto(`${server.url}${path}`);
      const levels = await inPage<number[]>(page, `[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1]))`);
      levels.forEach((level, i) => assert.ok(i === 0 ? level === 1 : level <= levels[i - 1]! + 1, `${path}: heading levels ${levels.join(',')}`));
    }
  });

  it('reads well on a phone-sized screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await phone.newPage();
    await small.goto(`${server.url}/web/w/default/demo/p/${WEB_PAGES.cache}`);
    const overflow = await inPage<number>(small, 'document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
    // The breadcrumbs stay (on their own row): the way back to the project.
    assert.ok(await small.locator('.crumbs a', { hasText: 'demo' }).isVisible());
    await screenshot(small, '14-phone-page');

    // An agent's unbroken title, a table with short headers over long cells, a page history.
    const title = `Layout ${'x'.repeat(120)}`;
    await server.client.writePage({
      project: 'layout-check',
      path: 'notes/wide.md',
      title,
      body: `| route | limit | burst | notes |\n|---|---:|---:|---|\n| /v1/orders/:id | 300 | 50 | ${'read-only and cached at the edge for a while; '.repeat(4)}|`,
    });
    for (const path of ['/web/w/default/layout-check/p/notes/wide.md', '/web/w/default/layout-check/history/notes/wide.md']) {
      await small.goto(`${server.url}${path}`);
      const sideways = await inPage<number>(small, 'document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.ok(sideways <= 1, `${path} scrolls sideways by ${sideways}px`);
    }
    // The history's view and diff links are on screen without scrolling the table sideways.
    await small.goto(`${server.url}/web/w/default/layout-check/history/notes/wide.md`);
    const actionsRight = await inPage<number>(small, `document.querySelector('.history-table td.actions a[data-diff]').getBoundingClientRect().right`);
    assert.ok(actionsRight <= 390, `the diff link ends at ${actionsRight}px on a 390px screen`);
    await small.goto(`${server.url}/web/w/default/layout-check/p/notes/wide.md`);
    // Column headers keep their words whole (the cells may wrap, never the word "limit").
    const headerLines = await inPage<number[]>(small, `[...document.querySelectorAll('.markdown th')].map((th) => { const r = document.createRange(); r.selectNodeContents(th); return r.getClientRects().length; })`);
    assert.deepEqual(headerLines, [1, 1, 1, 1]);
    await screenshot(small, '15-phone-wide-content');
    // The project page's one search box (the header's) is on screen and usable on a phone too.
    await small.goto(`${server.url}/web/w/default/layout-check`);
    const box = await inPage<number[]>(small, `(() => { const r = document.querySelector('header input[type=search]').getBoundingClientRect(); return [r.left, r.right, r.width]; })()`);
    assert.ok(box[0]! >= 0 && box[1]! <= 390 && box[2]! >= 120, `the search box spans ${box.join(', ')}px on a 390px screen`);
    await phone.close();
  });

  it('searches every project when no project is picked', async () => {
    await page.goto(`${server.url}/web/search?q=glossary`);
    assert.match(await page.locator('.hit').first().innerText(), /Shared glossary[\s\S]*other-app/);
  });

  it('follows wikilinks, including one into another project, and marks missing ones', async () => {
    await page.goto(`${server.url}/web/w/default/demo/p/${WEB_PAGES.cache}`);
    assert.equal(await page.locator('.markdown .wikilink.missing').innerText(), 'no-such-page');
    assert.ok((await page.locator('.markdown pre code .tok-keyword').count()) >= 1, 'code is highlighted');
    await screenshot(page, '09-page-with-links');
    await page.locator('.markdown a.wikilink', { hasText: 'the database decision' }).click();
    await page.waitForURL(/p\/decisions\/0001-database\.md$/);
    assert.match(await page.locator('.backlinks').innerText(), /Cache layer/);
    await page.goBack();
    await page.locator('.markdown a.wikilink', { hasText: 'other-app:shared-glossary' }).click();
    await page.waitForURL(/\/web\/w\/default\/other-app\/p\/notes\/shared-glossary\.md$/);
    assert.equal(await page.locator('.page-head h1').innerText(), 'Shared glossary');
  });

  it('shows a captured session as a timeline of prompts and tool calls', async () => {
    await page.goto(`${server.url}/web/w/default/demo`);
    await page.locator('.panel', { hasText: 'Recent sessions' }).locator('a.grow').first().click();
    await page.waitForURL(/\/sessions\/web-session-1$/);
    const timeline = await page.locator('.timeline').innerText();
    assert.match(timeline, /Prompt[\s\S]*Add a Redis cache in front of the user lookups/);
    assert.match(timeline, /Bash/);
    await screenshot(page, '10-session');
    // The session page and its timeline point at each other.
    await page.locator('.page-head a', { hasText: 'Session page' }).click();
    await page.waitForURL(/p\/sessions\/web-session-1\.md$/);
    await page.locator('.page-head a', { hasText: 'Timeline of the session' }).click();
    await page.waitForURL(/\/sessions\/web-session-1$/);
  });

  it('switches to dark mode, remembers it, and follows the system preference by default', async () => {
    await page.goto(`${server.url}/web/w/default/demo/p/${WEB_PAGES.cache}`);
    const background = () => inPage<string>(page, 'getComputedStyle(document.body).backgroundColor');
    const light = await background();
    await page.locator('[data-theme-toggle]').click();
    assert.equal(await inPage<string>(page, 'document.documentElement.dataset.theme'), 'dark');
    assert.notEqual(await background(), light);
    await page.reload();
    assert.equal(await inPage<string>(page, 'document.documentElement.dataset.theme'), 'dark');
    await screenshot(page, '11-dark-page');
    await page.goto(`${server.url}/web/`);
    await screenshot(page, '12-dark-home');
    await page.locator('[data-theme-toggle]').click();
    assert.equal(await inPage<string>(page, 'document.documentElement.dataset.theme'), 'light');

    const darkContext = await browser.newContext({ colorScheme: 'dark' });
    const darkPage = await darkContext.newPage();
    await darkPage.goto(`${server.url}/web/`);
    assert.equal(await inPage<string>(darkPage, 'document.documentElement.dataset.theme'), 'dark');
    await darkContext.close();
  });

  it('renders a page with script, javascript: links, onerror and raw HTML inert', async () => {
    dialogs.length = 0;
    await page.goto(`${server.url}/web/w/default/demo/p/${WEB_PAGES.hostile}`);
    const article = page.locator('article.markdown');
    assert.match(await article.innerText(), /Plain text survives/);
    const link = article.locator('a', { hasText: 'click me' });
    await link.click();
    await article.locator('text=Plain text survives').waitFor();
    const state = await inPage<{ pwned: string | null; scripts: number; hrefs: Array<string | null>; imgs: Array<string | null> }>(
      page,
      `({
        pwned: window.__pwned ?? null,
        scripts: document.querySelectorAll('article script, article iframe, article [onerror], article [onclick], article [style]').length,
        hrefs: [...document.querySelectorAll('article a')].map((a) => a.getAttribute('href')),
        imgs: [...document.querySelectorAll('article img')].map((i) => i.getAttribute('src')),
      })`,
    );
    assert.equal(state.pwned, null);
    assert.equal(state.scripts, 0);
    assert.ok(state.hrefs.every((h) => h === null || !/^\s*javascript:/i.test(h)), String(state.hrefs));
    assert.ok(state.imgs.every((s) => s === null || !/^\s*javascript:/i.test(s)), String(state.imgs));
    assert.deepEqual(dialogs, []);
    assert.ok(page.url().endsWith(WEB_PAGES.hostile), page.url());
    await screenshot(page, '13-hostile');
    assert.deepEqual(pageErrors, []);
  });
});

describe('web UI with AI_MEMORY_AUTH_TOKEN', { skip: browserSkip }, () => {
  const token = 'web-ui-token-0123456789abcdef';
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    server = await startSuiteServer({ authToken: token });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const write = await fetch(`${server.url}/admin/write-page`, { method: 'POST', headers, body: JSON.stringify({ project: 'demo', path: 'notes/cache.md', title: 'Cache layer', body: 'Redis.' }) });
    assert.ok(write.ok, await write.text());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('asks for Basic credentials, refuses without them, and works with the token as password', async () => {
    const refused = await fetch(`${server.url}/web/`);
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /^Basic realm="ai-memory"/);
    // A browser with no credentials to offer gets the challenge and stops there.
    const anonymous = await browser.newContext();
    assert.match(await outcome(await anonymous.newPage(), `${server.url}/web/`), /^401$|ERR_INVALID_AUTH_CREDENTIALS/);
    await anonymous.close();

    const wrong = await browser.newContext({ httpCredentials: { username: 'me', password: 'not-the-token' } });
    // Chromium gives up on credentials the server keeps refusing.
    assert.match(await outcome(await wrong.newPage(), `${server.url}/web/`), /^401$|ERR_INVALID_AUTH_CREDENTIALS/);
    await wrong.close();

    const authed = await browser.newContext({ httpCredentials: { username: 'me', password: token } });
    const page = await authed.newPage();
    const ok = await page.goto(`${server.url}/web/`);
    assert.equal(ok?.status(), 200);
    await page.locator('a.card[data-project="demo"]').click();
    await page.locator('header input[type=search]').fill('cach');
    await page.locator('.suggest li a', { hasText: 'Cache layer' }).waitFor();
    await authed.close();
  });
});

/** A navigation's status, or chromium's error when it gave up on an auth challenge. */
async function outcome(page: Page, url: string): Promise<string> {
  try {
    return String((await page.goto(url))?.status());
  } catch (error) {
    return (error as Error).message;
  }
}

/** Evaluates an expression in the page (a string: the tests are compiled without DOM types). */
function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}
