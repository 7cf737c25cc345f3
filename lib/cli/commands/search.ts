import { defineCommand } from 'citty';
import type { SearchRequest } from '../../core/contract.js';
import { requireChoice } from '../../core/nearest.js';
import { PAGE_KINDS } from '../../core/page-kinds.js';
import { COUNTS } from '../../core/wire/limits.js';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, scopeFor, serverArgs, type CliContext } from '../context.js';
import { styleFor } from '../format.js';
import { formatHits } from '../search-output.js';

export function searchCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'search', description: 'Search the memory (all projects unless --project or a .ai-memory.toml names one)' },
    args: {
      query: { type: 'positional', required: true, description: 'What to look for, in plain words' },
      ...scopeArgs,
      global: { type: 'boolean', description: 'Search every project even where a marker names one' },
      kind: { type: 'string', alias: 'k', description: 'Only pages of these kinds (comma-separated): decision, rule, note, ...' },
      limit: { type: 'string', alias: 'n', description: `Number of hits (1-${COUNTS.hits.max}, default ${COUNTS.hits.fallback})` },
      answer: { type: 'boolean', description: 'Also answer the question from the top hits, citing them (needs an LLM provider on the server)' },
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const request: SearchRequest = { q: args.query };
        const scope = scopeFor(ctx, args);
        if (!args.global && scope.explicit) {
          request.workspace = scope.workspace;
          request.project = scope.project;
        }
        if (args.limit !== undefined) request.limit = Number(args.limit);
        if (args.kind !== undefined) request.kinds = args.kind.split(',').map((k) => requireChoice('--kind', k.trim(), PAGE_KINDS));
        if (args.answer) request.answer = true;
        const result = await clientFor(ctx, args).search(request);
        if (args.json) return printJson(ctx, result);
        const style = styleFor(ctx.stdout, ctx.env);
        const where = request.project ? `${request.workspace}/${request.project}` : 'all projects';
        if (result.answer) ctx.stdout.write(`${result.answer.text}\n${style.dim(`sources: ${result.answer.citations.join(', ') || 'none cited'}`)}\n\n`);
        else if (result.answer_unavailable) ctx.stdout.write(`${style.dim(`No answer: ${result.answer_unavailable}.`)}\n\n`);
        if (result.hits.length === 0) {
          ctx.stdout.write(`No pages match "${args.query}" in ${where}.\n`);
          return;
        }
        ctx.stdout.write(formatHits(result.hits, args.query, where, style));
      });
    },
  });
}
