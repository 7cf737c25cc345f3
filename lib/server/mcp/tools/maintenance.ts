import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { MemoryError } from '../../../core/errors.js';
import { scopeView, type McpContext } from '../context.js';
import { runTool, scopeShape, writes, strictArgs } from '../tool-kit.js';

/**
 * The maintenance engines as tools. Lint and the forget sweep, like their `/admin` routes, need
 * the root token once users exist. Consolidation without a provider answers a clear "not
 * available" error: never a fake success an agent would trust.
 */
export function registerMaintenanceTools(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'memory_consolidate',
    {
      title: 'Consolidate a session',
      description: 'Rewrite a session page (default: the latest) as a coherent narrative with an LLM: decisions, failed approaches, open questions, links to touched pages. With multi_page, also writes up to 4 durable decision, concept or gotcha pages drawn from the session, in the same commit. Needs an LLM provider; never rewrites a pinned page; the rule-based version stays in git history.',
      inputSchema: strictArgs({
        session_id: z.string().min(1).max(256).optional().describe('The session to rewrite (default: the latest session page)'),
        dry_run: z.boolean().optional().describe('Return the rewrite without writing it'),
        multi_page: z.boolean().optional().describe('Also extract up to 4 decision, concept or gotcha pages from the session'),
        instructions: z.string().max(2000).optional().describe('Advisory style wishes (tone, length, structure); never changes what is written'),
        ...scopeShape,
      }),
      // An LLM rewrite: a second call gives a different text, and the provider is outside.
      annotations: { ...writes, idempotentHint: false, openWorldHint: true },
    },
    (args) =>
      runTool(ctx.logger, 'memory_consolidate', async () => {
        const resolved = ctx.scope(args, 'read');
        const result = await ctx.services.consolidation.consolidate({ scope: resolved.scope, sessionId: args.session_id, dryRun: args.dry_run, multiPage: args.multi_page, instructions: args.instructions }, ctx.actor);
        return { ...result, scope: scopeView(resolved) };
      }),
  );

  server.registerTool(
    'memory_lint',
    {
      title: 'Lint the memory',
      description: 'Find broken links, orphans, duplicate titles, stale and pinned-but-expiring pages in this project; writes the findings to _lint/ pages unless dry_run.',
      inputSchema: strictArgs({ dry_run: z.boolean().optional().describe('Return the findings without writing _lint/ pages'), no_llm: z.boolean().optional().describe('Skip the LLM contradiction pass'), ...scopeShape }),
      annotations: writes,
    },
    (args) =>
      runTool(ctx.logger, 'memory_lint', async () => {
        await requireRoot(ctx);
        const resolved = ctx.scope(args, 'read');
        return { ...(await ctx.services.maintenance.lint.lint({ ...resolved.scope, dry_run: args.dry_run, no_llm: args.no_llm }, ctx.actor)), scope: scopeView(resolved) };
      }),
  );

  server.registerTool(
    'memory_forget_sweep',
    {
      title: 'Forget decayed pages',
      description: 'Remove unpinned episodic pages whose retention decayed, and pages past expires_at (git keeps them).',
      inputSchema: strictArgs({ dry_run: z.boolean().optional().describe('List what would be removed without removing it'), ...scopeShape }),
      annotations: { ...writes, destructiveHint: true },
    },
    (args) =>
      runTool(ctx.logger, 'memory_forget_sweep', async () => {
        await requireRoot(ctx);
        const resolved = ctx.scope(args, 'read');
        return { ...(await ctx.services.maintenance.forget.sweep({ ...resolved.scope, dry_run: args.dry_run }, ctx.actor)), scope: scopeView(resolved) };
      }),
  );
}

async function requireRoot(ctx: McpContext): Promise<void> {
  if (ctx.actor.kind === 'user' && (await ctx.services.users.hasUsers())) {
    throw new MemoryError('FORBIDDEN', 'this needs the root token (AI_MEMORY_AUTH_TOKEN), not a user token');
  }
}
