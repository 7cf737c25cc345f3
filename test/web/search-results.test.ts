import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seedSearchWiki, SHOP_PAGES } from '../helpers/search-wiki.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { browserSkip, launchBrowser, screenshot } from './browser.js';

/** /web/search read in Chromium: why each hit matched, and related pages apart from the matches. */
describe('web search results in chromium', { skip: browserSkip }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  before(async () => {
    server = await startSuiteServer();
    await seedSearchWiki(server.client);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows why each hit matched, highlights titles, and lists a link neighbour under "Related by link" that opens its match', async () => {
    await page.goto(`${server.url}/web/search?q=postgres&scope=default/shop`);
    await screenshot(page, 'search-results');
    const matches = page.locator('.search-page > .results .hit');
    const matchPaths = await matches.locator('.where').allInnerTexts();
    assert.equal(matchPaths.length, 4, matchPaths.join(', '));
    assert.ok(!matchPaths.includes(SHOP_PAGES.related), 'the neighbour is not shown as a match');

    const titleOnly = matches.filter({ hasText: 'table names' });
    assert.equal(await titleOnly.locator('h2 mark').innerText(), 'Postgres', 'the title lights up the matched word');
    assert.equal(await titleOnly.locator('.why').innerText(), 'Matched: title');
    assert.equal(await titleOnly.locator('p').innerText(), 'Tables are singular nouns & columns use snake_case.');
    assert.equal(await matches.filter({ hasText: 'Standardised on' }).locator('.why').innerText(), 'Matched: title and body; replaces MySQL for orders');

    const section = page.locator('section.related-hits');
    assert.equal(await section.locator('h2#related-heading').innerText(), 'Related by link');
    const related = section.locator('.hit');
    assert.equal(await related.count(), 1);
    assert.equal(await related.locator('.where').innerText(), SHOP_PAGES.related);
    // The section sits below every match in the page, not beside or above them.
    const lastMatch = await matches.last().boundingBox();
    const relatedBox = await related.boundingBox();
    assert.ok(lastMatch && relatedBox && relatedBox.y > lastMatch.y + lastMatch.height);

    await related.locator('.why a', { hasText: 'linked from Postgres upgrade notes' }).click();
    await page.waitForURL(/\/web\/w\/default\/shop\/p\/notes\/postgres-upgrade\.md$/);
    assert.deepEqual(pageErrors, []);
  });

  it('shows no related section when every hit holds the words', async () => {
    await page.goto(`${server.url}/web/search?q=${encodeURIComponent('singular nouns')}&scope=default/shop`);
    assert.equal(await page.locator('.hit').count(), 1);
    assert.equal(await page.locator('section.related-hits').count(), 0);
  });
});
