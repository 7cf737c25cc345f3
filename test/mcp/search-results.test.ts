import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { seedSearchWiki, SHOP, SHOP_PAGES } from '../helpers/search-wiki.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { call, httpClient } from './helpers.js';

interface AgentHit {
  path: string;
  title: string;
  reason: string;
  snippet: string;
  related_from?: string;
  superseded?: boolean;
  [key: string]: unknown;
}

/**
 * What an agent and an API client read back from a search: why each hit matched, link
 * neighbours marked as related and listed after every real match, and for the agent a compact
 * answer without HTML, scores or repeated project names.
 */
describe('search results over MCP and the HTTP API', () => {
  let server: TestServer;
  let client: Client;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    await seedSearchWiki(server.client);
    client = await httpClient(server.url);
  });

  it('lists a link neighbour without the query words after every match, marked related, although it scores higher', async () => {
    const api = await server.client.search({ q: 'postgres', ...SHOP });
    const paths = api.hits.map((h) => h.path);
    const related = api.hits.find((h) => h.path === SHOP_PAGES.related);
    const weak = api.hits.find((h) => h.path === SHOP_PAGES.weak);
    assert.ok(related && weak, paths.join(', '));
    assert.ok(related.score > weak.score, 'the neighbour outscores a weak match, so only its being related puts it last');
    assert.equal(paths.at(-1), SHOP_PAGES.related);
    assert.equal(related.related_from, SHOP_PAGES.upgrade, 'tied to the first match above that links to it');
    assert.equal(related.reason, 'linked from Postgres upgrade notes');
    assert.ok(api.hits.slice(0, -1).every((h) => h.related_from === undefined && h.reason !== undefined && !h.reason.includes('linked')));

    const mcp = await call<{ hits: AgentHit[] }>(client, 'memory_query', { ...SHOP, query: 'postgres' });
    assert.deepEqual(mcp.hits.map((h) => h.path), paths, 'the agent gets the same hits in the same order');
    assert.deepEqual(mcp.hits.at(-1), {
      path: SHOP_PAGES.related,
      title: 'Connection pooling',
      kind: 'concept',
      reason: 'linked from Postgres upgrade notes',
      related_from: SHOP_PAGES.upgrade,
      snippet: 'Every service reaches the database through PgBouncer in transaction mode.',
    });
  });

  it('says which fields matched, and gives a title-only match its first paragraph', async () => {
    const { hits } = await call<{ hits: AgentHit[] }>(client, 'memory_query', { ...SHOP, query: 'postgres', include_superseded: true });
    const reasons = Object.fromEntries(hits.map((h) => [h.path, h.reason]));
    assert.equal(reasons[SHOP_PAGES.decision], 'title and body; replaces MySQL for orders', 'the current decision says what it replaced');
    assert.equal(reasons[SHOP_PAGES.upgrade], 'title, path and body');
    assert.equal(reasons[SHOP_PAGES.weak], 'body');
    assert.equal(reasons[SHOP_PAGES.titleOnly], 'title', 'the heading repeating the title is not a body match');
    assert.equal(reasons[SHOP_PAGES.old], 'body; superseded by Standardised on Postgres');
    const titleOnly = hits.find((h) => h.path === SHOP_PAGES.titleOnly)!;
    assert.equal(titleOnly.snippet, 'Tables are singular nouns & columns use snake_case.');
    const fuzzy = await call<{ hits: AgentHit[] }>(client, 'memory_query', { ...SHOP, query: 'postgress' });
    assert.equal(fuzzy.hits.find((h) => h.path === SHOP_PAGES.titleOnly)?.reason, 'fuzzy title');
  });

  it('answers compactly: one line of JSON, ** around matched words, no HTML, score, query echo or repeated project', async () => {
    const result = (await client.callTool({ name: 'memory_query', arguments: { ...SHOP, query: 'postgres' } })) as CallToolResult;
    const text = (result.content[0] as { text: string }).text;
    assert.ok(!text.includes('\n'), 'not pretty-printed');
    assert.doesNotMatch(text, /<mark>|&amp;|&lt;|&#39;/);
    const parsed = JSON.parse(text) as { hits: AgentHit[]; query?: string; scope: { workspace: string; project: string } };
    assert.equal(parsed.query, undefined);
    assert.deepEqual(parsed.scope, { ...SHOP, resolved_by: 'explicit' });
    for (const hit of parsed.hits) {
      assert.deepEqual(Object.keys(hit).filter((k) => ['score', 'workspace', 'project'].includes(k)), [], `${hit.path} carries only what an agent uses`);
    }
    assert.match(parsed.hits.find((h) => h.path === SHOP_PAGES.decision)!.snippet, /We chose \*\*Postgres\*\* 16/);

    // Across projects each hit still names its project, since the agent needs it to open the page.
    const everywhere = await call<{ hits: AgentHit[] }>(client, 'memory_query', { query: 'postgres', global: true });
    assert.ok(everywhere.hits.length > 0 && everywhere.hits.every((h) => h.workspace === 'default' && h.project === 'shop'));
  });
});
