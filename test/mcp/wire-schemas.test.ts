import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { commitSubjects } from '../helpers/git.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { callError, httpClient } from './helpers.js';

const demo = { workspace: 'default', project: 'demo' };

/**
 * One schema per wire request (lib/core/wire): every MCP tool lists what it takes and what it
 * returns, its structured result matches what it lists, and HTTP and MCP refuse the same bad
 * input with the same limit.
 */
describe('wire schemas shared by MCP and HTTP', () => {
  let server: TestServer;
  let client: Client;
  before(async () => {
    server = await startSuiteServer();
    client = await httpClient(server.url);
  });
  after(async () => {
    await client.close();
    await server.dispose();
  });

  /** Calls a tool and checks its structured result against the outputSchema the server listed. */
  let listed: Awaited<ReturnType<Client['listTools']>>['tools'] | undefined;
  async function structured(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    listed ??= (await client.listTools()).tools;
    const schema = listed.find((tool) => tool.name === name)?.outputSchema;
    assert.ok(schema, `${name} lists an outputSchema`);
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    const text = (result.content[0] as { text: string }).text;
    assert.ok(!result.isError, `${name} failed: ${text}`);
    assert.ok(result.structuredContent, `${name} returns structuredContent`);
    // The text block stays for clients without structured output, and says the same thing.
    assert.deepEqual(JSON.parse(text), result.structuredContent, `${name}: text and structuredContent agree`);
    const check = new AjvJsonSchemaValidator().getValidator(schema as never)(result.structuredContent);
    assert.ok(check.valid, `${name}: ${check.errorMessage}`);
    return result.structuredContent as Record<string, unknown>;
  }

  it('lists an input and an output schema for every tool, each result carrying its scope', async () => {
    const { tools } = await client.listTools();
    assert.ok(tools.length >= 18, `${tools.length} tools`);
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      assert.equal(tool.inputSchema.additionalProperties, false, `${tool.name} refuses unknown arguments`);
      assert.equal(tool.outputSchema?.type, 'object', `${tool.name} has an outputSchema`);
      assert.ok(tool.outputSchema?.properties && 'scope' in tool.outputSchema.properties, `${tool.name} declares the scope it used`);
      assert.ok(tool.outputSchema?.required?.includes('scope'), `${tool.name} always returns scope`);
    }
  });

  it('returns structured results that validate against the listed schemas', async () => {
    const written = await structured('memory_write_page', { ...demo, path: 'decisions/0001-db.md', body: '# Postgres for orders\n\nWe use Postgres 16.', tags: ['db'] });
    assert.equal(written.status, 'created');
    const found = await structured('memory_query', { ...demo, query: 'postgres orders' });
    assert.equal((found.hits as Array<{ path: string }>)[0]?.path, 'decisions/0001-db.md');
    assert.deepEqual(found.scope, { workspace: 'default', project: 'demo', resolved_by: 'explicit' });
    const everywhere = await structured('memory_query', { query: 'postgres', global: true });
    assert.equal((everywhere.scope as { resolved_by: string }).resolved_by, 'all_projects');
    const page = await structured('memory_read_page', { ...demo, path: 'decisions/0001-db.md', include_related: true });
    assert.equal(page.title, 'Postgres for orders');
    await structured('memory_history', { ...demo, path: 'decisions/0001-db.md' });
    await structured('memory_recent', { ...demo, limit: 5 });
    await structured('memory_feedback', { ...demo, path: 'decisions/0001-db.md', signal: 'helpful' });
    const status = await structured('memory_status', demo);
    assert.equal((status.scope as { exists: boolean }).exists, true);
    await structured('memory_briefing', demo);
    await structured('memory_explore', demo);
    const begun = await structured('memory_handoff_begin', { ...demo, summary: 'Halfway through the exporter', next_steps: ['finish the CSV writer'] });
    await structured('memory_handoff_list', demo);
    await structured('memory_handoff_accept', { ...demo, handoff_id: begun.handoff_id });
    const none = await structured('memory_handoff_accept', { ...demo, handoff_id: begun.handoff_id });
    assert.equal(none.handoff, null);
    await structured('memory_lint', { ...demo, dry_run: true });
    await structured('memory_forget_sweep', { ...demo, dry_run: true });
    await fetch(`${server.url}/hook?agent=codex&workspace=default&project=demo`, {
      method: 'POST',
      body: JSON.stringify({ session_id: 'wire-1', cwd: '/w/demo', hook_event_name: 'UserPromptSubmit', prompt: 'trace the exporter bug' }),
    });
    const events = await structured('memory_read_session_observations', { ...demo, session_id: 'wire-1' });
    assert.equal(events.total, 1);
    await structured('memory_delete_page', { ...demo, path: 'decisions/0001-db.md' });
  });

  it('refuses the same bad input over HTTP and MCP with the same limit, and writes nothing', async () => {
    const post = async (path: string, body: unknown) => {
      const answer = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: answer.status, error: ((await answer.json()) as { error: string }).error };
    };
    const get = async (path: string) => {
      const answer = await fetch(`${server.url}${path}`);
      return { status: answer.status, error: ((await answer.json()) as { error: string }).error };
    };
    await post('/admin/write-page', { ...demo, path: 'notes/seed.md', body: '# Seed' });
    const commits = commitSubjects(server.wikiDir).length;
    const long = 'x'.repeat(2001);
    const cases: Array<{ rule: RegExp; http: Promise<{ status: number; error: string }>; mcp: [string, Record<string, unknown>] }> = [
      { rule: /at most 2000 characters/, http: post('/api/v1/search', { q: long }), mcp: ['memory_query', { ...demo, query: long }] },
      { rule: /at most 2000 characters/, http: get(`/api/v1/search?q=${long}`), mcp: ['memory_query', { ...demo, query: long }] },
      { rule: /limit must be an integer from 1 to 100|must be an integer from 1 to 100 at limit/, http: post('/api/v1/search', { q: 'x', limit: 101 }), mcp: ['memory_query', { ...demo, query: 'x', limit: 101 }] },
      { rule: /integer from 1 to 100/, http: get('/api/v1/workspaces/default/projects/demo/recent?limit=abc'), mcp: ['memory_recent', { ...demo, limit: 'abc' }] },
      { rule: /one line of at most 300 characters/, http: post('/admin/write-page', { ...demo, path: 'notes/t.md', body: '# t', title: 't'.repeat(301) }), mcp: ['memory_write_page', { ...demo, path: 'notes/t.md', body: '# t', title: 't'.repeat(301) }] },
      { rule: /at most 32 items/, http: post('/admin/write-page', { ...demo, path: 'notes/t.md', body: '# t', tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }), mcp: ['memory_write_page', { ...demo, path: 'notes/t.md', body: '# t', tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }] },
      { rule: /may hold at most 2000 characters/, http: post('/admin/consolidate', { ...demo, instructions: long }), mcp: ['memory_consolidate', { ...demo, instructions: long }] },
    ];
    for (const { rule, http, mcp } of cases) {
      const answer = await http;
      assert.equal(answer.status, 400, answer.error);
      assert.match(answer.error, rule, 'HTTP');
      assert.match(await callError(client, ...mcp), rule, `MCP ${mcp[0]}`);
    }
    assert.equal(commitSubjects(server.wikiDir).length, commits, 'no commit from a refused request');
  });

  it('answers a body over the byte limit with 413 over HTTP and invalid params over MCP, naming the limit', async () => {
    // 600,000 characters but 1.2 MB of UTF-8: under the character count, over the byte limit.
    const body = `# Wide\n\n${'é'.repeat(600_000)}`;
    const answer = await fetch(`${server.url}/admin/write-page`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...demo, path: 'notes/wide.md', body }) });
    assert.equal(answer.status, 413);
    assert.match(((await answer.json()) as { error: string }).error, /body must be at most 1048576 bytes; split the page/);
    const text = await callError(client, 'memory_write_page', { ...demo, path: 'notes/wide.md', body });
    assert.match(text, /at most 1048576 bytes/);
    assert.equal((await fetch(`${server.url}/api/v1/workspaces/default/projects/demo/pages/notes/wide.md`)).status, 404, 'nothing written');
  });
});
