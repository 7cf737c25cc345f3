import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, scopeFor, serverArgs, type CliContext } from '../context.js';
import { diffText } from '../diff-text.js';
import { shortDate, styleFor } from '../format.js';

const DIFFED_COMMITS = 20;

export function historyCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'history', description: "List a page's commits, newest first (read one with read-page --rev; --diff shows what each changed)" },
    args: {
      path: { type: 'positional', required: true, description: 'Page path inside the project' },
      diff: { type: 'boolean', alias: 'd', description: `Show what each commit changed (the newest ${DIFFED_COMMITS})` },
      ...scopeArgs,
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const client = clientFor(ctx, args);
        const scope = scopeFor(ctx, args);
        const history = await client.history(scope, args.path);
        if (args.diff) {
          const diffs = await Promise.all(history.commits.slice(0, DIFFED_COMMITS).map((c) => client.diff(scope, history.path, c.commit)));
          if (args.json) return printJson(ctx, { ...history, diffs });
          const style = styleFor(ctx.stdout, ctx.env);
          const color = ctx.stdout.isTTY === true && !ctx.env.NO_COLOR;
          if (diffs.length === 0) return void ctx.stdout.write(`${history.path} has no commits yet.\n`);
          ctx.stdout.write(`${diffs.map((d) => diffText(d, style, color)).join('\n\n')}\n`);
          return;
        }
        if (args.json) return printJson(ctx, history);
        const style = styleFor(ctx.stdout, ctx.env);
        if (history.commits.length === 0) {
          ctx.stdout.write(`${history.path} has no commits yet.\n`);
          return;
        }
        const lines = history.commits.map(
          (c) => `${style.bold(c.short)}  ${shortDate(c.date)}  ${c.message.split('\n')[0]}  ${style.dim(c.author)}`,
        );
        ctx.stdout.write(`${lines.join('\n')}\n${style.dim(`see a change: ai-memory diff ${history.path} <commit>, or history --diff`)}\n`);
      });
    },
  });
}
