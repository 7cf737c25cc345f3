import { defineCommand } from 'citty';
import type { PageLink } from '../../core/contract.js';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, scopeFor, serverArgs, type CliContext } from '../context.js';
import { shortDate, styleFor } from '../format.js';
import { suggestPaths } from '../suggest-paths.js';

export function readPageCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'read-page', description: 'Print a page, now or as it was at a commit (--rev) or instant (--as-of)' },
    args: {
      path: { type: 'positional', required: true, description: 'Page path inside the project' },
      rev: { type: 'string', description: 'A commit id (from `ai-memory history`)' },
      'as-of': { type: 'string', description: 'A date or RFC 3339 instant' },
      ...scopeArgs,
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const scope = scopeFor(ctx, args);
        const client = clientFor(ctx, args);
        const page = await client
          .readPage(scope, args.path, {
            ...(args.rev ? { rev: args.rev } : {}),
            ...(args['as-of'] ? { asOf: args['as-of'] } : {}),
          })
          .catch((error: unknown) => suggestPaths(client, scope, args.path, error));
        if (args.json) return printJson(ctx, page);
        const style = styleFor(ctx.stdout, ctx.env);
        const meta = [page.kind, `${page.workspace}/${page.project}/${page.path}`];
        if (page.pinned) meta.push('pinned');
        if (page.updated) meta.push(`updated ${shortDate(page.updated)}`);
        if (page.rev) meta.push(`as of commit ${page.rev.slice(0, 7)}`);
        const out = [style.bold(page.title), style.dim(meta.join(' · ')), '', page.body.trimEnd(), ''];
        const list = (label: string, links: PageLink[]) => {
          if (links.length > 0) out.push(style.dim(`${label}: ${links.map((l) => (l.exists ? l.path : `${l.path} (missing)`)).join(', ')}`));
        };
        list('Links', page.links);
        list('Backlinks', page.backlinks);
        list('Supersedes', page.supersedes);
        list('Superseded by', page.superseded_by);
        ctx.stdout.write(`${out.join('\n')}\n`);
      });
    },
  });
}
