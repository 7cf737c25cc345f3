import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { fsck } from '../helpers/git.js';
import { httpClient } from '../mcp/helpers.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

// Values aimed at path handling, scope naming and parsers, mixed with arbitrary ones.
const TRICKY = ['../../etc/passwd', '..', '/', '/tmp/evil', 'C:\\Windows', 'a/../../b', '.git/config', 'notes/.hidden.md', '%2e%2e/x', '\u0000', 'CON', 'x'.repeat(600), '', ' ', 'notes/ok.md', '_project.md', '---\ntitle: [\n---', '😀'];
const text = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const RUNS = { numRuns: 60 };

describe('property: bad input over HTTP and MCP', () => {
  let sandbox: string;
  let server: TestServer;
  let mcp: Client;
  before(async () => {
    // Not tempDir(): an after() registered inside before() would run right away.
    sandbox = await mkdtemp(join(tmpdir(), 'aim-prop-'));
    await mkdir(join(sandbox, 'data'));
    server = await startSuiteServer({}, join(sandbox, 'data'));
    mcp = await httpClient(server.url);
  });
  after(async () => {
    await mcp.close();
    await server.stop();
    await rm(sandbox, { recursive: true, force: true });
  });

  const post = async (path: string, body: unknown, raw = false) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ? String(body) : JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => null)) as { error?: string; code?: string } | null;
    assert.ok(response.status < 500, `${path} answered ${response.status} for ${String(JSON.stringify(body)).slice(0, 200)}: ${JSON.stringify(answer)}`);
    if (response.status >= 400) assert.ok(typeof answer?.error === 'string' && answer.error.length > 0 && typeof answer.code === 'string', `a clear error: ${JSON.stringify(answer)}`);
    return response.status;
  };

  it('hook payloads: accepted or refused with a clear error, never a crash', async () => {
    const payload = fc.record(
      { session_id: fc.oneof(text, fc.anything()), cwd: fc.oneof(text, fc.anything()), hook_event_name: fc.oneof(fc.constantFrom('UserPromptSubmit', 'PostToolUse', 'SessionEnd', 'Stop'), text), prompt: maybe(text), tool_name: maybe(text), tool_input: maybe(fc.anything()) },
      { requiredKeys: [] },
    );
    await fc.assert(fc.asyncProperty(payload, async (body) => void (await post('/hook?agent=claude-code', body))), RUNS);
    await fc.assert(fc.asyncProperty(fc.oneof(fc.anything(), text.map((t) => ({ raw: t }))), async (body) => {
      const raw = typeof body === 'object' && body !== null && 'raw' in body;
      await post('/hook?agent=claude-code', raw ? (body as { raw: string }).raw : body, raw);
    }), RUNS);
  });

  it('page writes and searches over HTTP: accepted or refused with a clear error', async () => {
    const write = fc.record({ workspace: maybe(text), project: fc.oneof(fc.constant('demo'), text), path: text, body: fc.oneof(text, fc.anything()), title: maybe(fc.oneof(text, fc.anything())), tags: maybe(fc.anything()), kind: maybe(text) }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(write, async (body) => void (await post('/admin/write-page', body))), RUNS);
    const search = fc.record({ q: fc.oneof(text, fc.anything()), workspace: maybe(text), project: maybe(text), limit: maybe(fc.anything()), kinds: maybe(fc.anything()) }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(search, async (body) => void (await post('/api/v1/search', body))), RUNS);
  });

  it('MCP tool arguments: a result or a tool error with a message, and the server keeps answering', async () => {
    const calls = fc.oneof(
      fc.record({ name: fc.constant('memory_write_page'), arguments: fc.record({ workspace: maybe(text), project: fc.oneof(fc.constant('demo'), text), path: text, body: fc.oneof(text, fc.anything()), title: maybe(text) }, { requiredKeys: [] }) }),
      fc.record({ name: fc.constant('memory_read_page'), arguments: fc.record({ workspace: maybe(text), project: fc.oneof(fc.constant('demo'), text), path: text }, { requiredKeys: [] }) }),
      fc.record({ name: fc.constant('memory_query'), arguments: fc.record({ project: fc.oneof(fc.constant('demo'), text), query: fc.oneof(text, fc.anything()), limit: maybe(fc.anything()) }, { requiredKeys: [] }) }),
    );
    await fc.assert(
      fc.asyncProperty(calls, async (call) => {
        let result: CallToolResult;
        try {
          result = (await mcp.callTool(call as { name: string; arguments: Record<string, unknown> })) as CallToolResult;
        } catch (error) {
          // Arguments the schema refuses come back as a protocol error naming the problem.
          assert.match(String((error as Error).message), /\S/);
          return;
        }
        const first = result.content[0] as { text?: string } | undefined;
        if (result.isError) assert.ok(first?.text && first.text.length > 0, 'a tool error says what is wrong');
      }),
      RUNS,
    );
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });

  it('nothing was written outside the data dir, and the wiki repository is valid', () => {
    assert.deepEqual(readdirSync(sandbox), ['data']);
    fsck(join(sandbox, 'data', 'wiki'));
  });
});
