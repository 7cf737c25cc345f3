import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** The official SDK client over Streamable HTTP, as an agent would connect. */
export async function httpClient(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'ai-memory-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers } }));
  return client;
}

/** Calls a tool and returns its one JSON text block, parsed; fails the test on an error result. */
export async function call<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  assert.equal(result.content.length, 1, `${name} returns one content block`);
  const block = result.content[0]!;
  assert.equal(block.type, 'text');
  const text = (block as { text: string }).text;
  assert.ok(!result.isError, `${name} failed: ${text}`);
  return JSON.parse(text) as T;
}

/** Calls a tool that must fail; returns the error text. */
export async function callError(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  assert.equal(result.isError, true, `${name} should have failed for ${JSON.stringify(args).slice(0, 200)}`);
  return (result.content[0] as { text: string }).text;
}
