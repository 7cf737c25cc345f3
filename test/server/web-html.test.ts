import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { HOSTILE_BODY, seedWebWiki, WEB_PAGES } from '../helpers/web-wiki.js';

describe('/web over HTTP', () => {
  let server: TestServer;
  const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    await seedWebWiki(server);
    await server.client.writePage({ project: 'demo', path: 'notes/title-attack.md', title: '<img src=x onerror=alert(1)> & "quotes"', body: 'body' });
  });

  it('sends a strict Content-Security-Policy and no-sniff on every page and error', async () => {
    for (const path of ['/web/', '/web/w/default/demo', `/web/w/default/demo/p/${WEB_PAGES.cache}`, '/web/nothing', '/web/w/default/demo/p/missing.md']) {
      const response = await get(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    }
  });

  it('has no inline script or style a CSP would block', async () => {
    const text = await (await get(`/web/w/default/demo/p/${WEB_PAGES.cache}`)).text();
    assert.doesNotMatch(text, /<script(?![^>]*\ssrc=)[^>]*>/i);
    // Attribute values are quoted and escaped (a tooltip may quote a hostile title such as
    // `<img onerror=...>`): look for handlers among the attribute names only.
    assert.doesNotMatch(text.replace(/"[^"]*"/g, '""'), /<[a-z][^>]*\s(on[a-z]+|style)=/i);
  });

  it('escapes titles and never passes page HTML through', async () => {
    const text = await (await get('/web/w/default/demo/p/notes/title-attack.md')).text();
    assert.ok(text.includes('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;'));
    assert.ok(!text.includes('<img src=x onerror'));
    const hostile = await (await get(`/web/w/default/demo/p/${WEB_PAGES.hostile}`)).text();
    const article = hostile.slice(hostile.indexOf('<article'), hostile.indexOf('</article>'));
    assert.doesNotMatch(article, /<script|javascript:|onerror|onclick|<iframe|style=/i);
    assert.ok(HOSTILE_BODY.includes('<script>'));
  });

  it('answers unknown pages and projects with an HTML 404, bad input with 400', async () => {
    const missing = await get('/web/w/default/demo/p/notes/missing.md');
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await missing.text(), /no page notes\/missing\.md/);
    assert.equal((await get('/web/w/default/nope')).status, 404);
    assert.equal((await get(`/web/w/default/demo/diff/${WEB_PAGES.db}`)).status, 400);
    assert.equal((await get('/web/w/default/demo/p/..%2F..%2Fsecret.md')).status, 400);
  });

  it('opens a page as it was at a date with ?as_of=', async () => {
    const before = await get(`/web/w/default/demo/p/${WEB_PAGES.db}?as_of=2000-01-01`);
    assert.equal(before.status, 404);
    const now = await (await get(`/web/w/default/demo/p/${WEB_PAGES.db}?as_of=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).text();
    assert.match(now, /data-old-version/);
    assert.match(now, /Done: see the Postgres decision/);
  });

  it('redirects / and /web to /web/, and serves assets with a long cache when versioned', async () => {
    assert.equal((await get('/')).headers.get('location'), '/web/');
    assert.equal((await get('/web')).headers.get('location'), '/web/');
    const home = await (await get('/web/')).text();
    const css = /href="(\/web\/assets\/app\.css\?v=[0-9a-f]+)"/.exec(home)?.[1];
    assert.ok(css);
    const response = await get(css);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/css/);
    assert.match(response.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await get('/web/assets/nope.js')).status, 404);
  });

  it('suggests titles as JSON for the search box, with the page URL', async () => {
    const body = (await (await get('/web/suggest?q=cach&workspace=default&project=demo')).json()) as { titles: Array<{ title: string; url: string }> };
    assert.equal(body.titles[0]?.title, 'Cache layer');
    assert.equal(body.titles[0]?.url, `/web/w/default/demo/p/${WEB_PAGES.cache}`);
    assert.equal((await get('/web/suggest')).status, 400);
  });

  it('search lists pages of one kind when no words are given, and reports bad filters', async () => {
    const decisions = await (await get('/web/search?scope=default/demo&kind=decision')).text();
    assert.match(decisions, /Move to Postgres 16/);
    assert.doesNotMatch(decisions, /Cache layer<\/a>/);
    const bad = await (await get('/web/search?q=x&kind=nonsense')).text();
    assert.match(bad, /kind must be one of/);
  });
});
