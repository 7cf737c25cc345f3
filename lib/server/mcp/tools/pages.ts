import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { invalid, notFound } from '../../../core/errors.js';
import { scopeKey } from '../../../core/paths.js';
import { deletePageResult, feedbackResult, historyResult, memoryDeletePageArgs, memoryFeedbackArgs, memoryHistoryArgs, memoryReadPageArgs, memoryWritePageArgs, readPageResult, writePageResult } from '../../../core/wire/pages.js';
import { relatedOfVersion, type RelatedPage } from '../../../services/memory/related.js';
import { scopeView, type McpContext } from '../context.js';
import { defineTool, destructive, readOnly, writes } from '../tool-kit.js';

export function registerPageTools(server: McpServer, ctx: McpContext): void {
  const { services } = ctx;

  defineTool(server, ctx.logger, {
    name: 'memory_read_page',
    title: 'Read a memory page',
    description:
      'Read one page in full: by path, or the best match of a query. include_related adds pages linked from or to it. rev (a commit id) or as_of (a date or instant) read the page as it was then.',
    input: memoryReadPageArgs,
    output: readPageResult,
    annotations: readOnly,
    run: async (args) => {
      const resolved = ctx.scope(args, 'read');
      let path = args.path;
      if (!path) {
        if (!args.query) throw invalid('pass a path or a query');
        const best = (await services.search.search({ q: args.query, scopes: [resolved.scope], limit: 1 })).hits[0];
        if (!best) throw notFound(`no page in ${scopeKey(resolved.scope)} matches ${JSON.stringify(args.query)}`);
        path = best.path;
      }
      const page = await services.pages.readPage({ ...resolved.scope, path }, { rev: args.rev, asOf: args.as_of });
      let related: RelatedPage[] | undefined;
      if (args.include_related && page.rev) related = relatedOfVersion(page.links, page.backlinks);
      else if (args.include_related) related = services.memory.related(resolved.scope, path, args.related_depth);
      // indexed_hash is for editors that compare it with their file (the Obsidian plugin, over
      // the JSON API); to an agent it is noise in its context.
      const { indexed_hash: _forEditors, ...shown } = page;
      return { ...shown, ...(related ? { related } : {}), scope: scopeView(resolved) };
    },
  });

  defineTool(server, ctx.logger, {
    name: 'memory_history',
    title: 'Page history',
    description: "A page's commits, newest first: date, message, author and lines added/removed. Read an old version with memory_read_page and rev.",
    input: memoryHistoryArgs,
    output: historyResult,
    annotations: readOnly,
    run: async (args) => {
      const resolved = ctx.scope(args, 'read');
      const history = await services.history.pageHistory({ ...resolved.scope, path: args.path }, { limit: args.limit, stats: true });
      return { ...history, scope: scopeView(resolved) };
    },
  });

  defineTool(server, ctx.logger, {
    name: 'memory_write_page',
    title: 'Write a memory page',
    description:
      'Write a durable page: a decision, rule, gotcha, note or procedure. The body is markdown; its first "# " heading becomes the title. Rewriting a path keeps the old version in history; an identical rewrite changes nothing. scope "global" writes a cross-project preference.',
    input: memoryWritePageArgs,
    output: writePageResult,
    annotations: writes,
    run: async (args) => {
      const resolved = ctx.scope(args, 'write');
      const { workspace: _w, project: _p, scope: _s, ...fields } = args;
      const result = await services.pages.writePage({ ...fields, workspace: resolved.scope.workspace, project: resolved.scope.project }, ctx.actor);
      return { ...result, scope: scopeView(resolved) };
    },
  });

  defineTool(server, ctx.logger, {
    name: 'memory_delete_page',
    title: 'Delete a memory page',
    description: 'Delete one page (the deletion is a commit, so history keeps it). Deleting a page that is not there changes nothing.',
    input: memoryDeletePageArgs,
    output: deletePageResult,
    annotations: destructive,
    run: async (args) => {
      const resolved = ctx.scope(args, 'read');
      return { ...(await services.pages.deletePage({ ...resolved.scope, path: args.path }, ctx.actor)), path: args.path, scope: scopeView(resolved) };
    },
  });

  defineTool(server, ctx.logger, {
    name: 'memory_feedback',
    title: 'Rate a memory page',
    description: 'Say whether a page helped: helpful, not_helpful, stale (outdated) or wrong. stale and wrong flag it for review; nothing is deleted.',
    input: memoryFeedbackArgs,
    output: feedbackResult,
    annotations: { ...writes, idempotentHint: false },
    run: async (args) => {
      const resolved = ctx.scope(args, 'read');
      return { ...(await services.memory.feedback(resolved.scope, args.path, args.signal, args.reason, ctx.actor)), scope: scopeView(resolved) };
    },
  });
}
