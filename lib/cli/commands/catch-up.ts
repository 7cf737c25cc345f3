import { defineCommand } from 'citty';
import { briefingText } from '../briefing-text.js';
import { styleFor } from '../format.js';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, scopeFor, serverArgs, type CliContext } from '../context.js';

export function catchUpCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'catch-up', description: 'A digest of recent activity in this project (with an LLM provider; otherwise the project briefing)' },
    args: { focus: { type: 'string', description: 'What to concentrate on' }, ...scopeArgs, ...jsonArg, ...serverArgs },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const scope = scopeFor(ctx, args);
        const result = await clientFor(ctx, args).catchUp({ workspace: scope.workspace, project: scope.project }, args.focus);
        if (args.json) return printJson(ctx, result);
        if (result.digest) return void ctx.stdout.write(`${result.digest}\n`);
        const style = styleFor(ctx.stdout, ctx.env);
        ctx.stdout.write(`${briefingText(result.briefing, style)}\n\n${style.dim(`No digest: ${result.digest_unavailable}.`)}\n`);
      });
    },
  });
}
