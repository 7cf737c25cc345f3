import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { scopeView, type McpContext } from '../context.js';
import { handoffView } from '../../../services/capture/handoff-view.js';
import { readOnly, runTool, scopeShape, writes, strictArgs } from '../tool-kit.js';

const handoffId = z.string().min(1).max(64).describe('The id from memory_handoff_list, e.g. 20261125-101500-ab12cd');

export function registerHandoffTools(server: McpServer, ctx: McpContext): void {
  const { services } = ctx;

  server.registerTool(
    'memory_handoff_begin',
    {
      title: 'Leave a handoff',
      description:
        'Before stopping mid-task, leave a handoff for the next session (any agent): what you were doing, next steps, open questions, failures still open, files, decisions. It is delivered once, at the next session start in this project. Not for catching up: that is memory_briefing.',
      inputSchema: strictArgs({
        summary: z.string().min(1).max(3000).describe('What was being done and where it stands'),
        open_questions: z.array(z.string().min(1).max(1500)).max(20).optional().describe('Questions still open, one per item'),
        next_steps: z.array(z.string().min(1).max(1500)).max(20).optional().describe('What the next session should do, in order'),
        files_touched: z.array(z.string().min(1).max(512)).max(20).optional().describe('Files you changed or were about to change'),
        unfixed_failures: z.array(z.string().min(1).max(1500)).max(20).optional().describe('Commands or checks still failing, with the error'),
        decisions: z.array(z.string().min(1).max(1500)).max(20).optional().describe('Decisions taken that the next session should keep'),
        cwd: z.string().max(1024).optional().describe('The directory you worked in'),
        ...scopeShape,
      }),
      annotations: { ...writes, idempotentHint: false },
    },
    (args) =>
      runTool(ctx.logger, 'memory_handoff_begin', async () => {
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
      }),
  );

  server.registerTool(
    'memory_handoff_list',
    {
      title: 'List handoffs',
      description: 'Handoffs waiting in this project (open by default), with their content. Listing claims nothing; use memory_handoff_accept to take one.',
      inputSchema: strictArgs({
        state: z.enum(['open', 'accepted', 'expired', 'all']).optional().describe('Which handoffs (default open)'),
        limit: z.number().int().min(1).max(200).optional().describe('At most this many (default 50)'),
        ...scopeShape,
      }),
      annotations: readOnly,
    },
    (args) =>
      runTool(ctx.logger, 'memory_handoff_list', async () => {
        const resolved = ctx.scope(args, 'read');
        const handoffs = await services.handoffs.list(resolved.scope, { state: args.state ?? 'open', limit: args.limit ?? 50 });
        return { handoffs: handoffs.map(handoffView), scope: scopeView(resolved) };
      }),
  );

  server.registerTool(
    'memory_handoff_accept',
    {
      title: 'Take a handoff',
      description:
        'Claim one open handoff by id and get its content. A handoff is claimed exactly once: a second accept returns status "none_pending". Do not call this when a pending handoff is already in your context.',
      inputSchema: strictArgs({ handoff_id: handoffId, cwd: z.string().max(1024).optional().describe('The directory you work in (recorded with the claim)'), ...scopeShape }),
      annotations: { ...writes, idempotentHint: false },
    },
    (args) =>
      runTool(ctx.logger, 'memory_handoff_accept', async () => {
        const resolved = ctx.scope(args, 'read');
        const result = await services.handoffs.accept(resolved.scope, args.handoff_id, { agent: 'mcp', cwd: args.cwd, actor: ctx.actor });
        return { ...result, handoff: result.handoff && handoffView(result.handoff), scope: scopeView(resolved) };
      }),
  );

  server.registerTool(
    'memory_handoff_cancel',
    {
      title: 'Cancel a handoff',
      description: 'Retire an open handoff by id (for example one left by mistake) so no session receives it.',
      inputSchema: strictArgs({ handoff_id: handoffId, ...scopeShape }),
      annotations: { ...writes, destructiveHint: true },
    },
    (args) =>
      runTool(ctx.logger, 'memory_handoff_cancel', async () => {
        const resolved = ctx.scope(args, 'read');
        return { handoff_id: args.handoff_id, ...(await services.handoffs.cancel(resolved.scope, args.handoff_id, ctx.actor)), scope: scopeView(resolved) };
      }),
  );
}
