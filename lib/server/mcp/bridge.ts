import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { INSTRUCTIONS } from './instructions.js';

/**
 * `serve --transport stdio` when another ai-memory server already owns the data dir: speak MCP
 * on stdio and forward every call to that server's /mcp, so a stdio-only client (Claude
 * Desktop) and the running server share one memory instead of fighting over the lock.
 */
export async function bridgeStdioToHttp(serverUrl: string, version: string, authToken?: string): Promise<() => Promise<void>> {
  const headers: Record<string, string> = authToken ? { authorization: `Bearer ${authToken}` } : {};
  const client = new Client({ name: 'ai-memory-stdio-bridge', version });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${serverUrl}/mcp`), { requestInit: { headers } }));
  const server = new Server({ name: 'ai-memory', version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, (request) => client.listTools(request.params));
  server.setRequestHandler(CallToolRequestSchema, (request) => client.callTool(request.params) as never);
  await server.connect(new StdioServerTransport());
  return async () => {
    await server.close();
    await client.close();
  };
}
