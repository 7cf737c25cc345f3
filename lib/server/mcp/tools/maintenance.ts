import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { MemoryError } from '../../../core/errors.js';
import type { McpContext } from '../context.js';
import { runTool, scopeShape, writes } from '../tool-kit.js';

/**
 * Tools whose engines are not built yet answer a clear "not available" error: never a fake
 * success an agent would trust.
 */
export function registerMaintenanceTools(server: McpServer, ctx: McpContext): void {
  const unavailable = (name: string, why: string) => async () =>
    runTool(ctx.logger, name, async () => {
      throw new MemoryError('NOT_AVAILABLE', why);
    });

  server.registerTool(
    'memory_consolidate',
    {
      title: 'Consolidate a session',
      description: 'Rewrite a session page as a coherent narrative with an LLM (decisions, failed approaches, open questions). Needs an LLM provider.',
      inputSchema: {
        session_id: z.string().min(1).max(256).optional(),
        dry_run: z.boolean().optional(),
        ...scopeShape,
      },
      annotations: writes,
    },
    unavailable('memory_consolidate', 'not available yet: consolidation needs an LLM provider, and this server has none configured (session pages are written rule-based meanwhile)'),
  );

  server.registerTool(
    'memory_lint',
    {
      title: 'Lint the memory',
      description: 'Find broken links, orphans, duplicate titles, stale and pinned-but-expiring pages.',
      inputSchema: { dry_run: z.boolean().optional(), ...scopeShape },
      annotations: writes,
    },
    unavailable('memory_lint', 'not available yet: the lint engine is not part of this server version'),
  );

  server.registerTool(
    'memory_forget_sweep',
    {
      title: 'Forget decayed pages',
      description: 'Remove unpinned episodic pages whose retention decayed, and pages past expires_at (git keeps them).',
      inputSchema: { dry_run: z.boolean().optional(), ...scopeShape },
      annotations: { ...writes, destructiveHint: true },
    },
    unavailable('memory_forget_sweep', 'not available yet: the forget sweep is not part of this server version'),
  );
}
