import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, serverArgs, type CliContext } from '../context.js';
import { progressLine } from '../format.js';
import { count } from '../words.js';

export function embedCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'embed', description: 'Fill the vector side index with the embedding provider (only new and changed pages)' },
    args: {
      'dry-run': { type: 'boolean', description: 'Count what would be embedded; call nothing' },
      force: { type: 'boolean', description: 'Re-embed every page' },
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const progress = args.json ? undefined : progressLine(ctx.stderr, 'embedding');
        const report = await clientFor(ctx, args).embed({ ...(args.force ? { force: true } : {}), ...(args['dry-run'] ? { dry_run: true } : {}) }, progress);
        if (args.json) return printJson(ctx, report);
        const verb = report.dry_run ? 'Would embed' : 'Embedded';
        ctx.stdout.write(`${verb} ${report.embedded} of ${count(report.pages, 'page')} with ${report.provider} ${report.model} (${report.unchanged} unchanged, ${report.removed} removed${report.dimension ? `, ${report.dimension} dimensions` : ''}).\n`);
      });
    },
  });
}
