import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { browserSkip, launchBrowser, screenshot } from './browser.js';

const LONG_LINE = `const config = { ${Array.from({ length: 30 }, (_, i) => `option${i}: "value-${i}"`).join(', ')} };`;

describe('web UI for daily use in chromium', { skip: browserSkip }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startSuiteServer();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 }, timezoneId: 'Europe/Berlin' })).newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('an empty memory explains how to fill it', async () => {
    await page.goto(`${server.url}/web/`);
    const help = page.locator('.getting-started');
    assert.match(await help.innerText(), /install-hooks --agent claude-code --apply[\s\S]*ai-memory bootstrap[\s\S]*ai-memory write-page/);
    await screenshot(page, 'daily-01-empty-home');
  });

  it('puts pinned pages and rules at the top of a project, with one search box that / focuses', async () => {
    const demo = { project: 'demo' };
    await server.client.writePage({ ...demo, path: 'rules/tests.md', title: 'Always run the tests', kind: 'rule', body: 'Run `npm test` before every commit.' });
    await server.client.writePage({ ...demo, path: 'notes/architecture.md', title: 'Architecture overview', pinned: true, body: 'Three layers.' });
    await server.client.writePage({ ...demo, path: 'notes/misc.md', title: 'A long title for a note that the sidebar has to cut short with an ellipsis', body: `\`\`\`ts\n${LONG_LINE}\n\`\`\`` });
    await page.goto(`${server.url}/web/w/default/demo`);
    const standing = page.locator('.standing');
    assert.deepEqual(await standing.locator('li a').allInnerTexts(), ['Always run the tests', 'Architecture overview']);
    // It comes before the recent activity.
    const order = await page.locator('main section').evaluateAll((sections) => sections.map((s) => s.className));
    assert.ok(order.findIndex((c) => c.includes('standing')) < order.findIndex((c) => c === 'panel'), order.join(' | '));
    assert.equal(await page.locator('input[type=search]').count(), 1);

    await page.locator('body').press('/');
    assert.equal(await page.evaluate<string>('document.activeElement.getAttribute("type")'), 'search');
    // Typing "/" into the box itself is a "/".
    await page.keyboard.type('a/b');
    assert.equal(await page.locator('input[type=search]').inputValue(), 'a/b');

    await page.goto(`${server.url}/web/search?q=tests`);
    assert.equal(await page.locator('input[type=search]').count(), 1, 'the search page has only its own box');

    // The sidebar cuts long titles; hovering shows the whole title and the path.
    await page.goto(`${server.url}/web/w/default/demo/p/notes/misc.md`);
    const link = page.locator('.sidebar a[href$="notes/misc.md"]');
    assert.equal(await link.getAttribute('title'), 'A long title for a note that the sidebar has to cut short with an ellipsis\nnotes/misc.md');

    // A long code line scrolls inside its block, not the page.
    const pre = await page.evaluate<{ scroll: number; client: number; overflow: string }>(`(() => { const el = document.querySelector('article.markdown pre'); return { scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }; })()`);
    assert.ok(pre.scroll > pre.client, `the code block is ${pre.scroll}px wide in ${pre.client}px`);
    assert.equal(pre.overflow, 'auto');
    assert.ok(await page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1'), 'the page itself does not scroll sideways');
    await screenshot(page, 'daily-02-page');
  });

  it('says a session page\'s summary once', async () => {
    const post = (body: Record<string, unknown>) =>
      fetch(`${server.url}/hook?agent=claude-code&workspace=default&project=demo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session_id: 'summary-once', cwd: '/work/demo', ...body }),
      });
    for (const event of [
      { hook_event_name: 'SessionStart', source: 'startup' },
      { hook_event_name: 'UserPromptSubmit', prompt: 'Speed up the build' },
      { hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'npm run build' }, tool_response: 'done' },
      { hook_event_name: 'SessionEnd', reason: 'exit' },
    ]) assert.equal((await post(event)).status, 202);
    const url = `${server.url}/web/w/default/demo/p/sessions/summary-once.md`;
    await waitFor(async () => (await fetch(url)).ok, 'the session page');
    await page.goto(url);
    const text = await page.locator('main, .rail').allInnerTexts();
    const times = text.join('\n').split('1 prompt, 1 completed tool call').length - 1;
    assert.equal(times, 1, `the summary line appears ${times} times`);
  });

  it('shows frontmatter instants as relative dates with the ISO and local time on hover, never broken mid-token', async () => {
    await server.client.writePage({ project: 'demo', path: 'notes/dated.md', title: 'Dated', body: 'x', tags: ['a-very-long-tag-name-that-is-one-token-and-longer-than-the-rail'] });
    await page.goto(`${server.url}/web/w/default/demo/p/notes/dated.md`);
    const created = page.locator('.fm tr', { hasText: 'created' }).locator('time');
    assert.match(await created.innerText(), /just now|minute/);
    const iso = await created.getAttribute('datetime');
    assert.match(iso!, /^\d{4}-\d\d-\d\dT/);
    assert.ok((await created.getAttribute('title'))!.includes(`(${iso})`), 'the hover shows the ISO value');
    // Each value is on one line: a long single token is cut with an ellipsis, whole on hover.
    const lines = await page.evaluate<number[]>(
      `[...document.querySelectorAll('.fm td')].map((td) => { const r = document.createRange(); r.selectNodeContents(td); const tops = [...r.getClientRects()].map((rect) => rect.top); return tops.length === 0 ? 1 : Math.round((Math.max(...tops) - Math.min(...tops)) / 10) + 1; })`,
    );
    assert.ok(lines.every((n) => n === 1), `frontmatter values span ${lines.join(',')} lines`);
    const tag = page.locator('.fm td .token[title^="a-very-long-tag"]');
    assert.equal(await tag.count(), 1);
  });
});
