import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, serverArgs, type CliContext } from '../context.js';
import { dryRunArg, maintenanceArgs, optionalScopeArgs } from './maintenance-args.js';
import { count } from '../words.js';

export function forgetSweepCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'forget-sweep', description: 'Remove decayed episodic pages and pages past expires_at (one commit; git keeps them)' },
    args: { ...dryRunArg, ...optionalScopeArgs, ...jsonArg, ...serverArgs },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const report = await clientFor(ctx, args).forgetSweep(maintenanceArgs(args));
        if (args.json) return printJson(ctx, report);
        const verb = report.dry_run ? 'Would forget' : 'Forgot';
        const gone = [...report.evicted, ...report.deleted];
        ctx.stdout.write(`${verb} ${gone.length} of ${count(report.scanned, 'page')} (${report.evicted.length} decayed, ${report.deleted.length} expired).\n`);
        for (const entry of gone) {
          const why = entry.reason === 'expired' ? 'expired' : `retention ${entry.retention}`;
          ctx.stdout.write(`  ${entry.workspace}/${entry.project}/${entry.path}  (${why})\n`);
        }
        if (report.commit) ctx.stdout.write(`Commit ${report.commit.slice(0, 7)}; \`git show ${report.commit.slice(0, 7)}^:<path>\` brings a page back.\n`);
      });
    },
  });
}
