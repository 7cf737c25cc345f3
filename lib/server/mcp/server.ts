import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { OPEN, type Actor } from '../../core/actor.js';
import type { Logger } from '../../core/logger.js';
import type { Services } from '../../services/services.js';
import { mcpContext } from './context.js';
import { INSTRUCTIONS } from './instructions.js';
import { registerHandoffTools } from './tools/handoffs.js';
import { registerLlmTools } from './tools/llm.js';
import { registerMaintenanceTools } from './tools/maintenance.js';
import { registerPageTools } from './tools/pages.js';
import { registerSearchTools } from './tools/search.js';
import { registerStatusTools } from './tools/status.js';

/** One MCP server definition; every tool is a thin adapter over lib/services. */
export function createMcpServer(services: Services, logger: Logger, version: string, actor: Actor = OPEN): McpServer {
  const server = new McpServer({ name: 'ai-memory', version }, { instructions: INSTRUCTIONS, capabilities: { tools: {} } });
  const ctx = mcpContext(services, logger, actor);
  registerSearchTools(server, ctx);
  registerPageTools(server, ctx);
  registerHandoffTools(server, ctx);
  registerStatusTools(server, ctx);
  registerMaintenanceTools(server, ctx);
  registerLlmTools(server, ctx);
  return server;
}
