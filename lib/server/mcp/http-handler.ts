import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Request, Response } from 'express';
import type { Logger } from '../../core/logger.js';
import type { Services } from '../../services/services.js';
import { actorOf } from '../http/security.js';
import { createMcpServer } from './server.js';

/**
 * One stateless MCP POST: a fresh server and transport and a plain JSON answer, so clients need
 * no session id (the reference's #3). Loaded by ./http.ts on the first request, with the SDK.
 */
export async function handleMcpPost(services: Services, logger: Logger, version: string, req: Request, res: Response): Promise<void> {
  const server = createMcpServer(services, logger, version, actorOf(res));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
}
