import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { invalid } from '../../../core/errors.js';
import { PAGE_KINDS } from '../../../core/page.js';
import type { Scope } from '../../../core/paths.js';
import { forAgent } from '../agent-hits.js';
import { scopeView, type McpContext } from '../context.js';
import { globalScopeArg, readOnly, runTool, scopeShape, strictArgs } from '../tool-kit.js';

export function registerSearchTools(server: McpServer, ctx: McpContext): void {
  const { services } = ctx;

  server.registerTool(
    'memory_query',
    {
      title: 'Search memory',
      description:
        'Search this project\'s memory with plain words ("postgres migration decision"); returns the best pages, each with why it matched (reason) and a plain-text snippet with matched words between **. A hit with related_from holds none of your words: it is linked with that matching page and listed after the direct matches. Use it for "have we discussed X?" and before deciding anything. When no page matches, raw_hits are matching moments from recent sessions.',
      inputSchema: strictArgs({
        query: z.string().min(1).max(2000).describe('What to look for, in plain words'),
        limit: z.number().int().min(1).max(100).optional().describe('Number of hits (default 10, at most 100)'),
        scopes: z
          .array(z.object({ workspace: z.string().min(1), project: z.string().min(1) }))
          .min(1)
          .max(25)
          .optional()
          .describe('Search these projects instead of the current one'),
        global: z.boolean().optional().describe('Search every project; each hit names its project'),
        scope: z.enum(['project', 'global']).optional().describe('"global" searches only the cross-project _global pages (unlike global: true, which searches every project)'),
        kinds: z.array(z.enum(PAGE_KINDS)).optional().describe('Only these kinds of pages'),
        include_superseded: z.boolean().optional().describe('Also return pages another page supersedes'),
        include_expired: z.boolean().optional().describe('Also return pages past their expires_at'),
        answer: z.boolean().optional().describe('Also write a short answer citing page paths (needs an LLM provider; otherwise answer_unavailable says why)'),
        ...scopeShape,
      }),
      annotations: readOnly,
    },
    (args) =>
      runTool(ctx.logger, 'memory_query', async () => {
        const limit = args.limit ?? 10;
        const base = {
          q: args.query,
          limit,
          ...(args.kinds ? { kinds: args.kinds } : {}),
          ...(args.include_superseded ? { includeSuperseded: true } : {}),
          ...(args.include_expired ? { includeExpired: true } : {}),
        };
        if (args.global || args.scopes) {
          if (args.global && args.scopes) throw invalid('pass global or scopes, not both');
          if (args.workspace !== undefined || args.project !== undefined || args.scope !== undefined) throw invalid('pass workspace+project, scope, scopes or global; not several');
          const scopes: Scope[] | 'all' = args.global ? 'all' : args.scopes!.map((s) => services.scopes.existing(s, 'mcp'));
          const result = await services.search.search({ ...base, scopes });
          if (result.hits.length === 0 && scopes !== 'all') result.raw_hits = await services.memory.rawHits(scopes, args.query, limit);
          const answer = args.answer ? await services.memory.answer(args.query, result.hits) : {};
          return { ...forAgent(result, scopes !== 'all' && scopes.length === 1 ? scopes[0]! : null), ...answer, scope: searchedScopes(scopes) };
        }
        const resolved = ctx.scope(args, 'read');
        // A scope named by the caller is exact; the session's scope also brings _global matches.
        const result = await services.search.search({ ...base, scopes: [resolved.scope], withGlobalScope: resolved.resolvedBy !== 'explicit' && resolved.resolvedBy !== 'global' });
        if (result.hits.length === 0) result.raw_hits = await services.memory.rawHits([resolved.scope], args.query, limit);
        const answer = args.answer ? await services.memory.answer(args.query, result.hits) : {};
        return { ...forAgent(result, resolved.scope), ...answer, scope: scopeView(resolved) };
      }),
  );

  server.registerTool(
    'memory_recent',
    {
      title: 'Recently changed pages',
      description: 'The pages of this project changed most recently, newest first: what has been happening here.',
      inputSchema: strictArgs({ limit: z.number().int().min(1).max(100).optional().describe('Number of pages (default 10)'), scope: globalScopeArg, ...scopeShape }),
      annotations: readOnly,
    },
    (args) =>
      runTool(ctx.logger, 'memory_recent', async () => {
        const resolved = ctx.scope(args, 'read');
        const hits = services.memory.recent(resolved.scope, args.limit ?? 10);
        return { hits, scope: scopeView(resolved) };
      }),
  );
}

/** The `scope` of a result that searched every project or a given list: an object like every other. */
function searchedScopes(scopes: Scope[] | 'all') {
  return scopes === 'all' ? { resolved_by: 'all_projects' as const } : { resolved_by: 'explicit' as const, projects: scopes.map((s) => `${s.workspace}/${s.project}`) };
}
