import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, scopeFor, serverArgs, type CliContext } from '../context.js';
import { diffText } from '../diff-text.js';
import { styleFor } from '../format.js';

export function diffCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'diff', description: 'What one commit changed in a page, against the version before (default: the latest commit)' },
    args: {
      path: { type: 'positional', required: true, description: 'Page path inside the project' },
      rev: { type: 'positional', required: false, description: 'A commit id from `ai-memory history` (default: the latest)' },
      ...scopeArgs,
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const client = clientFor(ctx, args);
        const scope = scopeFor(ctx, args);
        const rev = args.rev ?? (await client.history(scope, args.path)).commits[0]?.commit;
        if (!rev) return void ctx.stdout.write(`${args.path} has no commits yet.\n`);
        const diff = await client.diff(scope, args.path, rev);
        if (args.json) return printJson(ctx, diff);
        ctx.stdout.write(`${diffText(diff, styleFor(ctx.stdout, ctx.env), ctx.stdout.isTTY === true && !ctx.env.NO_COLOR)}\n`);
      });
    },
  });
}
