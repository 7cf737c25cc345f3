import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Logger } from '../../core/logger.js';
import type { Services } from '../../services/services.js';
import { createMcpServer } from './server.js';

/** MCP over stdin/stdout for clients that launch the server themselves. Logs go to stderr. */
export async function serveStdio(services: Services, logger: Logger, version: string): Promise<() => Promise<void>> {
  const server = createMcpServer(services, logger, version);
  const transport = new StdioServerTransport();
  await server.connect(transport);
  return () => server.close();
}
