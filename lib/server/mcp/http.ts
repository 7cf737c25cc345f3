import express, { Router } from 'express';
import { lazy } from '../../core/lazy.js';
import type { Logger } from '../../core/logger.js';
import type { Services } from '../../services/services.js';

// The MCP SDK (with ajv, zod 3 and its JSON-schema converter, hono) is a third of the server's
// module graph: it loads with the first /mcp request, not before the server may listen.
const handler = lazy(() => import('./http-handler.js'));

/** Loads the MCP SDK ahead of the first request (the server calls this once it is idle). */
export async function preloadMcp(): Promise<void> {
  await handler();
}

/**
 * MCP over Streamable HTTP, stateless: every POST gets a fresh server and transport and a plain
 * JSON answer (./http-handler.ts). Bodies may be large enough for a tool to refuse an oversized
 * page itself, with a message naming the limit.
 */
export function mcpRoutes(services: Services, logger: Logger, version: string): Router {
  const router = Router();
  router.post('/mcp', express.json({ limit: '8mb' }), async (req, res) => {
    const { handleMcpPost } = await handler();
    await handleMcpPost(services, logger, version, req, res);
  });
  // Stateless: no server-sent stream to open and no session to delete.
  router.all('/mcp', (_req, res) => {
    res.status(405).set('allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this server is stateless; POST JSON-RPC requests to /mcp' }, id: null });
  });
  return router;
}
