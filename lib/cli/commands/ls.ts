import { defineCommand } from 'citty';
import type { PageSummary } from '../../core/contract.js';
import { requireChoice } from '../../core/nearest.js';
import { PAGE_KINDS } from '../../core/page-kinds.js';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, scopeFor, serverArgs, type CliContext } from '../context.js';
import { shortDate, styleFor } from '../format.js';
import { count } from '../words.js';

export function lsCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'ls', description: 'List pages with title, kind and last update (one project, or every project with --all)' },
    args: {
      folder: { type: 'positional', required: false, description: 'Only pages under this folder, e.g. decisions' },
      kind: { type: 'string', alias: 'k', description: `Only this kind: ${PAGE_KINDS.join(', ')}` },
      tag: { type: 'string', alias: 't', description: 'Only pages with this tag' },
      all: { type: 'boolean', description: 'Every project, not only the current one' },
      ...scopeArgs,
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const kind = args.kind === undefined ? undefined : requireChoice('--kind', args.kind, PAGE_KINDS);
        const client = clientFor(ctx, args);
        const scopes = args.all ? (await client.projects()).projects : [scopeFor(ctx, args)];
        const prefix = args.folder ? `${args.folder.replace(/^\/+|\/+$/g, '')}/` : '';
        const tag = args.tag?.toLowerCase();
        const pages: PageSummary[] = [];
        for (const scope of scopes) {
          const listed = (await client.pages({ workspace: scope.workspace, project: scope.project })).pages;
          pages.push(...listed.filter((p) => (!kind || p.kind === kind) && (!tag || p.tags.some((t) => t.toLowerCase() === tag)) && p.path.startsWith(prefix)));
        }
        if (args.json) return printJson(ctx, { pages });
        const where = args.all ? 'all projects' : `${scopes[0]!.workspace}/${scopes[0]!.project}`;
        const filters = [kind && `kind ${kind}`, tag && `tag ${tag}`, prefix && `under ${prefix}`].filter(Boolean).join(', ');
        if (pages.length === 0) return void ctx.stdout.write(`No pages in ${where}${filters ? ` (${filters})` : ''}.\n`);
        ctx.stdout.write(`${table(pages, Boolean(args.all), styleFor(ctx.stdout, ctx.env))}\n`);
        ctx.stdout.write(`${styleFor(ctx.stdout, ctx.env).dim(`${count(pages.length, 'page')} in ${where}${filters ? ` (${filters})` : ''}`)}\n`);
      });
    },
  });
}

// A handoff as the person reads it: waiting for the next agent, picked up, or retired unused.
const HANDOFF_STATE: Record<NonNullable<PageSummary['handoff_state']>, string> = { open: 'pending', accepted: 'used', expired: 'expired' };

function table(pages: PageSummary[], withProject: boolean, style: ReturnType<typeof styleFor>): string {
  const where = (p: PageSummary) => (withProject ? `${p.workspace}/${p.project}/${p.path}` : p.path);
  const width = Math.min(60, Math.max(...pages.map((p) => where(p).length)));
  const kindWidth = Math.max(...pages.map((p) => p.kind.length));
  return pages
    .map((p) => `${where(p).padEnd(width)}  ${style.dim(p.kind.padEnd(kindWidth))}  ${(p.updated ? shortDate(p.updated) : '').padEnd(17)}  ${style.bold(p.title)}${p.pinned ? style.dim(' (pinned)') : ''}${p.handoff_state ? style.dim(` (${HANDOFF_STATE[p.handoff_state]})`) : ''}`)
    .join('\n');
}
