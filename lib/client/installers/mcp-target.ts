/** The server an MCP client should reach, and the name ai-memory registers under. */
export const MCP_SERVER_NAME = 'ai-memory';

export interface McpTarget {
  /** Base URL of the server (a `/mcp` suffix is added once). */
  serverUrl: string;
  authToken?: string | undefined;
}

export function mcpUrl(serverUrl: string): string {
  const base = serverUrl.replace(/\/+$/, '');
  return base.endsWith('/mcp') ? base : `${base}/mcp`;
}
