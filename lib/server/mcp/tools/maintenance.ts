import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { MemoryError } from '../../../core/errors.js';
import { consolidateResult, lintResult, memoryConsolidateArgs, memoryForgetSweepArgs, memoryLintArgs, sweepResult } from '../../../core/wire/maintenance.js';
import { scopeView, type McpContext } from '../context.js';
import { defineTool, writes } from '../tool-kit.js';

/**
 * The maintenance engines as tools. Lint and the forget sweep, like their `/admin` routes, need
 * the root token once users exist. Consolidation without a provider answers a clear "not
 * available" error: never a fake success an agent would trust.
 */
export function registerMaintenanceTools(server: McpServer, ctx: McpContext): void {
  defineTool(server, ctx.logger, {
    name: 'memory_consolidate',
    title: 'Consolidate a session',
    description: 'Rewrite a session page (default: the latest) as a coherent narrative with an LLM: decisions, failed approaches, open questions, links to touched pages. With multi_page, also writes up to 4 durable decision, concept or gotcha pages drawn from the session, in the same commit. Needs an LLM provider; never rewrites a pinned page; the rule-based version stays in git history.',
    input: memoryConsolidateArgs,
    output: consolidateResult,
    // An LLM rewrite: a second call gives a different text, and the provider is outside.
    annotations: { ...writes, idempotentHint: false, openWorldHint: true },
    run: async (args) => {
      const resolved = ctx.scope(args, 'read');
      const result = await ctx.services.consolidation.consolidate({ scope: resolved.scope, sessionId: args.session_id, dryRun: args.dry_run, multiPage: args.multi_page, instructions: args.instructions }, ctx.actor);
      return { ...result, scope: scopeView(resolved) };
    },
  });

  defineTool(server, ctx.logger, {
    name: 'memory_lint',
    title: 'Lint the memory',
    description: 'Find broken links, orphans, duplicate titles, stale and pinned-but-expiring pages in this project; writes the findings to _lint/ pages unless dry_run.',
    input: memoryLintArgs,
    output: lintResult,
    annotations: writes,
    run: async (args) => {
      await requireRoot(ctx);
      const resolved = ctx.scope(args, 'read');
      return { ...(await ctx.services.maintenance.lint.lint({ ...resolved.scope, dry_run: args.dry_run, no_llm: args.no_llm }, ctx.actor)), scope: scopeView(resolved) };
    },
  });

  defineTool(server, ctx.logger, {
    name: 'memory_forget_sweep',
    title: 'Forget decayed pages',
    description: 'Remove unpinned episodic pages whose retention decayed, and pages past expires_at (git keeps them).',
    input: memoryForgetSweepArgs,
    output: sweepResult,
    annotations: { ...writes, destructiveHint: true },
    run: async (args) => {
      await requireRoot(ctx);
      const resolved = ctx.scope(args, 'read');
      return { ...(await ctx.services.maintenance.forget.sweep({ ...resolved.scope, dry_run: args.dry_run }, ctx.actor)), scope: scopeView(resolved) };
    },
  });
}

async function requireRoot(ctx: McpContext): Promise<void> {
  if (ctx.actor.kind === 'user' && (await ctx.services.users.hasUsers())) {
    throw new MemoryError('FORBIDDEN', 'this needs the root token (AI_MEMORY_AUTH_TOKEN), not a user token');
  }
}
