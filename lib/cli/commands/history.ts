import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, scopeFor, serverArgs, type CliContext } from '../context.js';
import { shortDate, styleFor } from '../format.js';

export function historyCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'history', description: "List a page's commits, newest first (read one with read-page --rev)" },
    args: {
      path: { type: 'positional', required: true, description: 'Page path inside the project' },
      ...scopeArgs,
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const history = await clientFor(ctx, args).history(scopeFor(ctx, args), args.path);
        if (args.json) return printJson(ctx, history);
        const style = styleFor(ctx.stdout, ctx.env);
        if (history.commits.length === 0) {
          ctx.stdout.write(`${history.path} has no commits yet.\n`);
          return;
        }
        const lines = history.commits.map(
          (c) => `${style.bold(c.short)}  ${shortDate(c.date)}  ${c.message.split('\n')[0]}  ${style.dim(c.author)}`,
        );
        ctx.stdout.write(`${lines.join('\n')}\n`);
      });
    },
  });
}
