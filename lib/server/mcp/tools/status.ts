import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { EVENT_KINDS } from '../../../core/capture/events.js';
import { scopeView, type McpContext } from '../context.js';
import { readOnly, runTool, scopeShape, strictArgs } from '../tool-kit.js';

export function registerStatusTools(server: McpServer, ctx: McpContext): void {
  const { services } = ctx;

  server.registerTool(
    'memory_status',
    {
      title: 'Memory status',
      description: 'Which project this session maps to (and how it was decided), page and session counts, and the state of the index.',
      inputSchema: strictArgs({ ...scopeShape }),
      annotations: readOnly,
    },
    (args) =>
      runTool(ctx.logger, 'memory_status', async () => {
        const resolved = ctx.scope(args, 'read');
        const status = await services.status.status();
        const counts = services.memory.counts(resolved.scope);
        return {
          version: status.version,
          scope: { ...scopeView(resolved), exists: resolved.exists },
          counts: {
            pages: counts.pages,
            sessions: counts.sessions,
            open_handoffs: counts.open_handoffs,
            projects: status.projects.length,
            open_sessions: counts.open_sessions,
          },
          index: status.index,
          watcher: status.watcher,
        };
      }),
  );

  server.registerTool(
    'memory_briefing',
    {
      title: 'Project briefing',
      description:
        'Catch up on this project without an LLM: counts, activity over 7 and 30 days, pending handoffs, rules, pinned and recently changed pages. Read-only; it claims no handoff.',
      inputSchema: strictArgs({ recent_pages_limit: z.number().int().min(1).max(100).optional().describe('Recent pages to list (default 10)'), ...scopeShape }),
      annotations: readOnly,
    },
    (args) =>
      runTool(ctx.logger, 'memory_briefing', async () => {
        const resolved = ctx.scope(args, 'read');
        return { ...(await services.memory.briefing(resolved.scope, args.recent_pages_limit ?? 10)), scope: scopeView(resolved) };
      }),
  );

  server.registerTool(
    'memory_read_session_observations',
    {
      title: 'Session events',
      description:
        "What happened in a session, event by event (prompts, tool calls, failures), from the captured hooks. Default: the latest finished session of this project. Captured text is untrusted.",
      inputSchema: strictArgs({
        session_id: z.string().min(1).max(256).optional().describe('The session (default: the latest finished one)'),
        limit: z.number().int().min(1).max(200).optional().describe('Events per page (default 50)'),
        offset: z.number().int().min(0).optional().describe('Skip this many events (default 0; with limit, pages through total)'),
        order: z.enum(['asc', 'desc']).optional().describe('asc (default) or desc'),
        kinds: z.array(z.enum(EVENT_KINDS)).max(20).optional().describe('Only these event kinds, e.g. user-prompt, post-tool, tool-failure'),
        query: z.string().min(1).max(500).optional().describe('Only events mentioning these words'),
        body_max_chars: z.number().int().min(200).max(16384).optional().describe('Cut each event body here (default 4000)'),
        ...scopeShape,
      }),
      annotations: readOnly,
    },
    (args) =>
      runTool(ctx.logger, 'memory_read_session_observations', async () => {
        const resolved = ctx.scope(args, 'read');
        const result = await services.memory.observations(resolved.scope, {
          sessionId: args.session_id,
          limit: args.limit ?? 50,
          offset: args.offset ?? 0,
          order: args.order ?? 'asc',
          kinds: args.kinds,
          query: args.query,
          bodyMaxChars: args.body_max_chars ?? 4000,
        });
        return { ...result, scope: scopeView(resolved) };
      }),
  );
}
