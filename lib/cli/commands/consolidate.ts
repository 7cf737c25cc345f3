import { defineCommand } from 'citty';
import { LIMITS } from '../../core/wire/limits.js';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, scopeFor, serverArgs, type CliContext } from '../context.js';

export function consolidateCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'consolidate', description: 'Rewrite a session page as a narrative with the LLM provider (the rule-based version stays in git history)' },
    args: {
      session: { type: 'string', description: 'Session id (default: the latest session page of the project)' },
      'dry-run': { type: 'boolean', description: 'Show the rewrite; write nothing' },
      'multi-page': { type: 'boolean', description: 'Also write up to 4 decision, concept or gotcha pages drawn from the session' },
      instructions: { type: 'string', description: `Style wishes for this rewrite (tone, length, structure; at most ${LIMITS.instructionChars} characters)` },
      ...scopeArgs,
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const scope = scopeFor(ctx, args);
        const result = await clientFor(ctx, args).consolidate({
          workspace: scope.workspace,
          project: scope.project,
          ...(args.session ? { session_id: args.session } : {}),
          ...(args['dry-run'] ? { dry_run: true } : {}),
          ...(args['multi-page'] ? { multi_page: true } : {}),
          ...(args.instructions ? { instructions: args.instructions } : {}),
        });
        if (args.json) return printJson(ctx, result);
        const where = `${result.workspace}/${result.project}/${result.path}`;
        if (result.status === 'planned') ctx.stdout.write(`Would rewrite ${where} as "${result.title}":\n\n${result.body}`);
        else if (result.status === 'rewritten') ctx.stdout.write(`Rewrote ${where} as "${result.title}"${result.commit ? ` (commit ${result.commit.slice(0, 7)})` : ''}.\n`);
        else ctx.stdout.write(`${where} was not rewritten: ${result.reason ?? 'the provider wrote the same page'}.\n`);
        for (const page of result.pages ?? []) {
          const verb = { written: 'Wrote', unchanged: 'Unchanged:', planned: 'Would write', skipped: 'Skipped' }[page.status];
          ctx.stdout.write(`${verb} ${page.kind} ${page.path} "${page.title}"${page.reason ? `: ${page.reason}` : ''}\n`);
        }
        for (const reason of result.rejected_pages ?? []) ctx.stdout.write(`Rejected ${reason}\n`);
      });
    },
  });
}
