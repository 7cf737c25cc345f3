import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, serverArgs, type CliContext } from '../context.js';
import { progressLine } from '../format.js';
import { count } from '../words.js';

export function reindexCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'reindex', description: 'Rebuild the derived search index and history from the wiki files' },
    args: { ...jsonArg, ...serverArgs },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const progress = args.json ? undefined : progressLine(ctx.stderr, 'reindexing');
        const result = await clientFor(ctx, args).reindex(progress);
        if (args.json) return printJson(ctx, result);
        ctx.stdout.write(`Reindexed ${count(result.pages, 'page')} in ${result.ms} ms (index revision ${result.revision}).\n`);
      });
    },
  });
}
