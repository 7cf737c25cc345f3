import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { scopeView, type McpContext } from '../context.js';
import { readOnly, runTool, scopeShape, strictArgs } from '../tool-kit.js';

/** LLM-backed tools that degrade to their zero-LLM answer without a provider. */
export function registerLlmTools(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'memory_explore',
    {
      title: 'Catch-up digest',
      description:
        'A prose digest of recent activity in this project, longer the longer it has been idle ("catch me up"). Needs an LLM provider; without one it returns the briefing as JSON (mode "briefing").',
      inputSchema: strictArgs({
        focus: z.string().max(500).optional().describe('What to concentrate on'),
        recent_pages_limit: z.number().int().min(1).max(100).optional().describe('Recent pages to draw on (default 15)'),
        ...scopeShape,
      }),
      annotations: { ...readOnly, openWorldHint: true },
    },
    (args) =>
      runTool(ctx.logger, 'memory_explore', async () => {
        const resolved = ctx.scope(args, 'read');
        const result = await ctx.services.memory.catchUp(resolved.scope, { focus: args.focus, recentLimit: args.recent_pages_limit ?? 15 });
        return { ...result, scope: scopeView(resolved) };
      }),
  );
}
