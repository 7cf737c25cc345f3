import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, serverArgs, type CliContext } from '../context.js';
import { dryRunArg, maintenanceArgs, optionalScopeArgs } from './maintenance-args.js';
import { count } from '../words.js';

export function lintCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'lint', description: 'Find broken links, orphans, duplicate titles, stale and pinned-but-expiring pages; write them to _lint/' },
    args: { ...dryRunArg, llm: { type: 'boolean', default: true, description: 'Use the LLM provider for contradictions (--no-llm: rule-based only)' }, ...optionalScopeArgs, ...jsonArg, ...serverArgs },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const report = await clientFor(ctx, args).lint({ ...maintenanceArgs(args), ...(args.llm === false ? { no_llm: true } : {}) });
        if (args.json) return printJson(ctx, report);
        ctx.stdout.write(`${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} in ${report.scanned} page${report.scanned === 1 ? '' : 's'}.\n`);
        for (const f of report.findings) ctx.stdout.write(`  ${f.severity.padEnd(7)} ${f.check.padEnd(16)} ${f.workspace}/${f.project}/${f.path}: ${f.detail}\n`);
        if (report.llm_error) ctx.stderr.write(`ai-memory: the contradiction check failed (${report.llm_error}); rule-based findings only\n`);
        if (report.dry_run) ctx.stdout.write('Dry run: no _lint/ pages written.\n');
        else if (report.commit) ctx.stdout.write(`Wrote ${count(report.pages.length, '_lint/ page change')} (commit ${report.commit.slice(0, 7)}).\n`);
        else ctx.stdout.write('The _lint/ pages were already up to date.\n');
      });
    },
  });
}
