import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, serverArgs, type CliContext } from '../context.js';
import { count } from '../words.js';

/** `ai-memory sync [--remote URL]`: pull, merge and push the wiki repository. */
export function syncCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'sync', description: 'Pull, merge and push the wiki with a git remote over http(s); conflicts keep both versions' },
    args: {
      remote: { type: 'string', description: 'Remote URL (remembered; credentials may go in the URL)' },
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const result = await clientFor(ctx, args).sync(args.remote);
        if (args.json) return printJson(ctx, result);
        const what = { 'up-to-date': 'already up to date', pushed: 'pushed local commits', 'fast-forward': `pulled ${count(result.changed, 'file')}`, merged: `merged (${count(result.changed, 'file')} changed here)` }[result.action];
        ctx.stdout.write(`Synced with ${result.remote}: ${what}.\n`);
        for (const c of result.conflicts) ctx.stdout.write(`  conflict: ${c.path} kept this side; the other side is in ${c.copy}\n`);
        // `?? []`: a server from before warnings existed does not send them.
        for (const w of result.warnings ?? []) ctx.stdout.write(`  warning: ${w.path}: ${w.message}\n`);
      });
    },
  });
}
