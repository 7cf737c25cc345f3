import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, scopeFor, serverArgs, type CliContext } from '../context.js';

export function consolidateCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'consolidate', description: 'Rewrite a session page as a narrative with the LLM provider (the rule-based version stays in git history)' },
    args: {
      session: { type: 'string', description: 'Session id (default: the latest session page of the project)' },
      'dry-run': { type: 'boolean', description: 'Show the rewrite; write nothing' },
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
        });
        if (args.json) return printJson(ctx, result);
        const where = `${result.workspace}/${result.project}/${result.path}`;
        if (result.status === 'planned') return void ctx.stdout.write(`Would rewrite ${where} as "${result.title}":\n\n${result.body}`);
        if (result.status === 'rewritten') return void ctx.stdout.write(`Rewrote ${where} as "${result.title}"${result.commit ? ` (commit ${result.commit.slice(0, 7)})` : ''}.\n`);
        ctx.stdout.write(`${where} was not rewritten: ${result.reason ?? 'the provider wrote the same page'}.\n`);
      });
    },
  });
}
