import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { exploreResult, memoryExploreArgs } from '../../../core/wire/status.js';
import { scopeView, type McpContext } from '../context.js';
import { defineTool, readOnly } from '../tool-kit.js';

/** LLM-backed tools that degrade to their zero-LLM answer without a provider. */
export function registerLlmTools(server: McpServer, ctx: McpContext): void {
  defineTool(server, ctx.logger, {
    name: 'memory_explore',
    title: 'Catch-up digest',
    description:
      'A prose digest of recent activity in this project, longer the longer it has been idle ("catch me up"). Needs an LLM provider; without one it returns the briefing as JSON (mode "briefing").',
    input: memoryExploreArgs,
    output: exploreResult,
    annotations: { ...readOnly, openWorldHint: true },
    run: async (args) => {
      const resolved = ctx.scope(args, 'read');
      const result = await ctx.services.memory.catchUp(resolved.scope, { focus: args.focus, recentLimit: args.recent_pages_limit });
      return { ...result, scope: scopeView(resolved) };
    },
  });
}
