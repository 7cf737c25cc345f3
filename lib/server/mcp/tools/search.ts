import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { invalid } from '../../../core/errors.js';
import type { Scope } from '../../../core/paths.js';
import { forAgent } from '../agent-hits.js';
import { memoryQueryArgs, memoryQueryResult, memoryRecentArgs, memoryRecentResult } from '../../../core/wire/search.js';
import { scopeView, type McpContext } from '../context.js';
import { defineTool, readOnly } from '../tool-kit.js';

export function registerSearchTools(server: McpServer, ctx: McpContext): void {
  const { services } = ctx;

  defineTool(server, ctx.logger, {
    name: 'memory_query',
    title: 'Search memory',
    description:
      'Search this project\'s memory with plain words ("postgres migration decision"); returns the best pages, each with why it matched (reason) and a plain-text snippet with matched words between **. A hit with related_from holds none of your words: it is linked with that matching page and listed after the direct matches. Use it for "have we discussed X?" and before deciding anything. When no page matches, raw_hits are matching moments from recent sessions.',
    input: memoryQueryArgs,
    output: memoryQueryResult,
    annotations: readOnly,
    run: async (args) => {
      const limit = args.limit;
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
    },
  });

  defineTool(server, ctx.logger, {
    name: 'memory_recent',
    title: 'Recently changed pages',
    description: 'The pages of this project changed most recently, newest first: what has been happening here.',
    input: memoryRecentArgs,
    output: memoryRecentResult,
    annotations: readOnly,
    run: async (args) => {
      const resolved = ctx.scope(args, 'read');
      const hits = services.memory.recent(resolved.scope, args.limit);
      return { hits, scope: scopeView(resolved) };
    },
  });
}

/** The `scope` of a result that searched every project or a given list: an object like every other. */
function searchedScopes(scopes: Scope[] | 'all') {
  return scopes === 'all' ? { resolved_by: 'all_projects' as const } : { resolved_by: 'explicit' as const, projects: scopes.map((s) => `${s.workspace}/${s.project}`) };
}
