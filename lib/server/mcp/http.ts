import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import express, { Router } from 'express';
import type { Logger } from '../../core/logger.js';
import type { Services } from '../../services/services.js';
import { actorOf } from '../http/security.js';
import { createMcpServer } from './server.js';

/**
 * MCP over Streamable HTTP, stateless: every POST gets a fresh server and transport and a plain
 * JSON answer, so clients need no session id (the reference's #3). Bodies may be large enough
 * for a tool to refuse an oversized page itself, with a message naming the limit.
 */
export function mcpRoutes(services: Services, logger: Logger, version: string): Router {
  const router = Router();
  router.post('/mcp', express.json({ limit: '8mb' }), async (req, res) => {
    const server = createMcpServer(services, logger, version, actorOf(res));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  // Stateless: no server-sent stream to open and no session to delete.
  router.all('/mcp', (_req, res) => {
    res.status(405).set('allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this server is stateless; POST JSON-RPC requests to /mcp' }, id: null });
  });
  return router;
}
