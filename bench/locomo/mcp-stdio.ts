import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** The official SDK client over stdio, as an agent's MCP host connects to a local server. */
export async function stdioClient(command: string, args: string[], env: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'ai-memory-bench', version: '1.0.0' });
  const inherited = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  await client.connect(new StdioClientTransport({ command, args, env: { ...inherited, ...env }, stderr: 'ignore' }));
  return client;
}

/** Calls a tool and returns its JSON text result, parsed; throws on a tool error. */
export async function callJson<T>(client: Client, name: string, args: Record<string, unknown>): Promise<T> {
  const result = (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as CallToolResult;
  const text = (result.content[0] as { text?: string } | undefined)?.text ?? '';
  if (result.isError) throw new Error(`${name} failed: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
