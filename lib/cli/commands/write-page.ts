import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineCommand } from 'citty';
import type { WritePageRequest } from '../../core/contract.js';
import { PAGE_KINDS } from '../../core/page-kinds.js';
import { requireChoice } from '../../core/nearest.js';
import { invalid } from '../../core/errors.js';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, scopeFor, serverArgs, type CliContext } from '../context.js';

export function writePageCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'write-page', description: 'Write a durable memory page (committed to the wiki repo)' },
    args: {
      path: { type: 'string', required: true, description: 'Page path inside the project, e.g. decisions/0001-db.md' },
      title: { type: 'string', description: 'Title (default: the body\'s first "# " heading, else the file name)' },
      body: { type: 'string', alias: 'b', description: 'Markdown body; "-" reads it from stdin' },
      file: { type: 'string', alias: 'f', description: 'Read the body from a file' },
      kind: { type: 'string', description: 'decision, rule, note, gotcha, concept, procedure, fact (default: from the folder)' },
      tags: { type: 'string', description: 'Comma-separated tags' },
      aliases: { type: 'string', description: 'Comma-separated other names search finds the page by, e.g. "journal line,posting"' },
      pinned: { type: 'boolean', description: 'Pin the page: never decays, ranks a little higher' },
      ...scopeArgs,
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        // Pages are markdown: `notes.txt` would quietly become `notes.txt.md`.
        const extension = /\.([A-Za-z][A-Za-z0-9]{0,7})$/.exec(args.path)?.[1];
        if (extension && extension.toLowerCase() !== 'md') {
          throw invalid(`--path ${args.path} is not a markdown page: pages are .md files; use --path ${args.path.slice(0, -extension.length - 1)}.md`);
        }
        const kind = args.kind === undefined ? undefined : requireChoice('--kind', args.kind, PAGE_KINDS);
        const body = await readBody(ctx, args.body, args.file);
        const scope = scopeFor(ctx, args);
        const request: WritePageRequest = { workspace: scope.workspace, project: scope.project, path: args.path, body };
        if (args.title !== undefined) request.title = args.title;
        if (kind !== undefined) request.kind = kind;
        if (args.tags !== undefined) request.tags = commaList(args.tags);
        if (args.aliases !== undefined) request.aliases = commaList(args.aliases);
        if (args.pinned !== undefined) request.pinned = args.pinned;
        const result = await clientFor(ctx, args).writePage(request);
        if (args.json) return printJson(ctx, result);
        const where = `${result.workspace}/${result.project}/${result.path}`;
        const message =
          result.status === 'unchanged'
            ? `Unchanged: ${where} already has this content (no commit).`
            : `${result.status === 'created' ? 'Created' : 'Updated'} ${where} "${result.title}"${result.commit ? ` (commit ${result.commit.slice(0, 7)})` : ''}.`;
        ctx.stdout.write(`${message}\n`);
        if (args.project && args.project !== result.project) ctx.stderr.write(`ai-memory: note: project "${args.project}" is stored as "${result.project}" (use that name in paths and URLs)\n`);
        for (const warning of result.warnings ?? []) ctx.stderr.write(`ai-memory: warning: ${warning}\n`);
      });
    },
  });
}

async function readBody(ctx: CliContext, body: string | undefined, file: string | undefined): Promise<string> {
  if (body !== undefined && file !== undefined) throw invalid('pass --body or --file, not both');
  if (file !== undefined) return readFile(resolve(ctx.cwd, file), 'utf8');
  if (body === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  if (body === undefined) throw invalid('pass --body TEXT, --body - (stdin) or --file PATH');
  return body;
}

const commaList = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);
