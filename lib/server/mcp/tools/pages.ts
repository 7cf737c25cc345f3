import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { invalid, notFound } from '../../../core/errors.js';
import { PAGE_KINDS, TIERS } from '../../../core/page.js';
import { scopeKey } from '../../../core/paths.js';
import { FEEDBACK_SIGNALS } from '../../../services/memory/feedback.js';
import { relatedOfVersion, type RelatedPage } from '../../../services/memory/related.js';
import { MAX_BODY_BYTES } from '../../../services/pages.js';
import { scopeView, type McpContext } from '../context.js';
import { destructive, globalScopeArg, readOnly, runTool, scopeShape, writes, strictArgs } from '../tool-kit.js';

const pathArg = z.string().min(1).max(512).describe('Page path inside the project, e.g. decisions/0001-db.md');

export function registerPageTools(server: McpServer, ctx: McpContext): void {
  const { services } = ctx;

  server.registerTool(
    'memory_read_page',
    {
      title: 'Read a memory page',
      description:
        'Read one page in full: by path, or the best match of a query. include_related adds pages linked from or to it. rev (a commit id) or as_of (a date or instant) read the page as it was then.',
      inputSchema: strictArgs({
        path: pathArg.optional(),
        query: z.string().min(1).max(2000).optional().describe('Read the best match of this query (when no path is given)'),
        include_related: z.boolean().optional().describe('Also list pages linked from or to this page (for an old version: what that version linked to, one step)'),
        related_depth: z.number().int().min(1).max(3).optional().describe('How many links away related pages may be (default 1)'),
        rev: z.string().min(4).max(40).optional().describe('A commit id from memory_history'),
        as_of: z.string().min(4).max(40).optional().describe('A date (YYYY-MM-DD) or RFC 3339 instant'),
        scope: globalScopeArg,
        ...scopeShape,
      }),
      annotations: readOnly,
    },
    (args) =>
      runTool(ctx.logger, 'memory_read_page', async () => {
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
        else if (args.include_related) related = services.memory.related(resolved.scope, path, args.related_depth ?? 1);
        // indexed_hash is for editors that compare it with their file (the Obsidian plugin, over
        // the JSON API); to an agent it is noise in its context.
        const { indexed_hash: _forEditors, ...shown } = page;
        return { ...shown, ...(related ? { related } : {}), scope: scopeView(resolved) };
      }),
  );

  server.registerTool(
    'memory_history',
    {
      title: 'Page history',
      description: "A page's commits, newest first: date, message, author and lines added/removed. Read an old version with memory_read_page and rev.",
      inputSchema: strictArgs({ path: pathArg, limit: z.number().int().min(1).max(100).optional().describe('Number of commits (default 20)'), scope: globalScopeArg, ...scopeShape }),
      annotations: readOnly,
    },
    (args) =>
      runTool(ctx.logger, 'memory_history', async () => {
        const resolved = ctx.scope(args, 'read');
        const history = await services.history.pageHistory({ ...resolved.scope, path: args.path }, { limit: args.limit ?? 20, stats: true });
        return { ...history, scope: scopeView(resolved) };
      }),
  );

  server.registerTool(
    'memory_write_page',
    {
      title: 'Write a memory page',
      description:
        'Write a durable page: a decision, rule, gotcha, note or procedure. The body is markdown; its first "# " heading becomes the title. Rewriting a path keeps the old version in history; an identical rewrite changes nothing. scope "global" writes a cross-project preference.',
      inputSchema: strictArgs({
        path: pathArg,
        body: z.string().max(MAX_BODY_BYTES).describe('Markdown; start with "# Title"'),
        title: z.string().min(1).max(300).optional().describe('Title, when the body has no "# " heading'),
        kind: z.enum(PAGE_KINDS).optional().describe('Page kind (default: from the folder)'),
        tags: z.array(z.string().min(1).max(64)).max(32).optional().describe('Short labels, e.g. ["db", "auth"]'),
        tier: z.enum(TIERS).optional().describe('semantic (default for durable pages) never decays; episodic does'),
        pinned: z.boolean().optional().describe('Pinned pages never decay and rank a little higher'),
        expires_at: z.string().max(40).optional().describe('A date or instant after which the page is hidden and swept'),
        supersedes: z.array(z.string().min(1).max(512)).max(20).optional().describe('Paths of pages this one replaces'),
        summary: z.string().max(500).optional().describe('One line describing the page'),
        scope: z.enum(['project', 'global']).optional().describe('"global" writes to the cross-project _global pages'),
        ...scopeShape,
      }),
      annotations: writes,
    },
    (args) =>
      runTool(ctx.logger, 'memory_write_page', async () => {
        const resolved = ctx.scope(args, 'write');
        const { workspace: _w, project: _p, scope: _s, ...fields } = args;
        const result = await services.pages.writePage({ ...fields, workspace: resolved.scope.workspace, project: resolved.scope.project }, ctx.actor);
        return { ...result, scope: scopeView(resolved) };
      }),
  );

  server.registerTool(
    'memory_delete_page',
    {
      title: 'Delete a memory page',
      description: 'Delete one page (the deletion is a commit, so history keeps it). Deleting a page that is not there changes nothing.',
      inputSchema: strictArgs({ path: pathArg, scope: globalScopeArg, ...scopeShape }),
      annotations: destructive,
    },
    (args) =>
      runTool(ctx.logger, 'memory_delete_page', async () => {
        const resolved = ctx.scope(args, 'read');
        return { ...(await services.pages.deletePage({ ...resolved.scope, path: args.path }, ctx.actor)), path: args.path, scope: scopeView(resolved) };
      }),
  );

  server.registerTool(
    'memory_feedback',
    {
      title: 'Rate a memory page',
      description: 'Say whether a page helped: helpful, not_helpful, stale (outdated) or wrong. stale and wrong flag it for review; nothing is deleted.',
      inputSchema: strictArgs({
        path: pathArg,
        signal: z.enum(FEEDBACK_SIGNALS).describe('helpful, not_helpful, stale (outdated) or wrong'),
        reason: z.string().max(500).optional().describe('One line: why'),
        scope: globalScopeArg,
        ...scopeShape,
      }),
      annotations: { ...writes, idempotentHint: false },
    },
    (args) =>
      runTool(ctx.logger, 'memory_feedback', async () => {
        const resolved = ctx.scope(args, 'read');
        return { ...(await services.memory.feedback(resolved.scope, args.path, args.signal, args.reason, ctx.actor)), scope: scopeView(resolved) };
      }),
  );
}
