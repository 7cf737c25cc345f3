import { defineCommand } from 'citty';
import { styleFor } from '../format.js';
import { handoffText } from '../handoff-text.js';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, scopeFor, serverArgs, type CliContext } from '../context.js';

/**
 * "Where did we leave off?" from a terminal: the project's pending handoff, read without
 * claiming it, so looking does not take it away from the next agent.
 */
export function handoffCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'handoff', description: "Show this project's pending handoff (where the last session stopped) without claiming it" },
    args: { ...scopeArgs, ...jsonArg, ...serverArgs },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const scope = scopeFor(ctx, args);
        const overview = await clientFor(ctx, args).overview({ workspace: scope.workspace, project: scope.project });
        const handoff = overview.pending_handoff;
        if (args.json) return printJson(ctx, { workspace: overview.workspace, project: overview.project, handoff });
        const where = `${overview.workspace}/${overview.project}`;
        if (!handoff) return void ctx.stdout.write(`No pending handoff in ${where}: the last session's was already delivered, or none has ended yet (ai-memory ls --kind handoff lists them all).\n`);
        ctx.stdout.write(`${handoffText(handoff, where, styleFor(ctx.stdout, ctx.env))}\n`);
      });
    },
  });
}
