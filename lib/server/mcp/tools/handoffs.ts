import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { handoffAcceptResult, handoffBeginResult, handoffCancelResult, handoffListResult, memoryHandoffAcceptArgs, memoryHandoffBeginArgs, memoryHandoffCancelArgs, memoryHandoffListArgs } from '../../../core/wire/handoffs.js';
import { scopeView, type McpContext } from '../context.js';
import { handoffView } from '../../../services/capture/handoff-view.js';
import { defineTool, readOnly, writes } from '../tool-kit.js';

export function registerHandoffTools(server: McpServer, ctx: McpContext): void {
  const { services } = ctx;

  defineTool(server, ctx.logger, {
    name: 'memory_handoff_begin',
    title: 'Leave a handoff',
    description:
      'Before stopping mid-task, leave a handoff for the next session (any agent): what you were doing, next steps, open questions, failures still open, files, decisions. It is delivered once, at the next session start in this project. Not for catching up: that is memory_briefing.',
    input: memoryHandoffBeginArgs,
    output: handoffBeginResult,
    annotations: { ...writes, idempotentHint: false },
    run: async (args) => {
      const resolved = ctx.scope(args, 'write');
      const record = await services.handoffs.begin(
        resolved.scope,
        args.project ?? resolved.scope.project,
        {
          summary: args.summary,
          openQuestions: args.open_questions ?? [],
          nextSteps: args.next_steps ?? [],
          filesTouched: args.files_touched ?? [],
          ...(args.unfixed_failures ? { failures: args.unfixed_failures } : {}),
          ...(args.decisions ? { decisions: args.decisions } : {}),
        },
        { agent: 'mcp', actor: ctx.actor, ...(args.cwd ? { cwd: args.cwd } : {}) },
      );
      return { handoff_id: record.id, state: record.state, manual: true, scope: scopeView(resolved) };
    },
  });

  defineTool(server, ctx.logger, {
    name: 'memory_handoff_list',
    title: 'List handoffs',
    description: 'Handoffs waiting in this project (open by default), with their content. Listing claims nothing; use memory_handoff_accept to take one.',
    input: memoryHandoffListArgs,
    output: handoffListResult,
    annotations: readOnly,
    run: async (args) => {
      const resolved = ctx.scope(args, 'read');
      const handoffs = await services.handoffs.list(resolved.scope, { state: args.state, limit: args.limit });
      return { handoffs: handoffs.map(handoffView), scope: scopeView(resolved) };
    },
  });

  defineTool(server, ctx.logger, {
    name: 'memory_handoff_accept',
    title: 'Take a handoff',
    description:
      'Claim one open handoff by id and get its content. A handoff is claimed exactly once: a second accept returns status "none_pending". Do not call this when a pending handoff is already in your context.',
    input: memoryHandoffAcceptArgs,
    output: handoffAcceptResult,
    annotations: { ...writes, idempotentHint: false },
    run: async (args) => {
      const resolved = ctx.scope(args, 'read');
      const result = await services.handoffs.accept(resolved.scope, args.handoff_id, { agent: 'mcp', cwd: args.cwd, actor: ctx.actor });
      return { ...result, handoff: result.handoff && handoffView(result.handoff), scope: scopeView(resolved) };
    },
  });

  defineTool(server, ctx.logger, {
    name: 'memory_handoff_cancel',
    title: 'Cancel a handoff',
    description: 'Retire an open handoff by id (for example one left by mistake) so no session receives it.',
    input: memoryHandoffCancelArgs,
    output: handoffCancelResult,
    annotations: { ...writes, destructiveHint: true },
    run: async (args) => {
      const resolved = ctx.scope(args, 'read');
      return { handoff_id: args.handoff_id, ...(await services.handoffs.cancel(resolved.scope, args.handoff_id, ctx.actor)), scope: scopeView(resolved) };
    },
  });
}
