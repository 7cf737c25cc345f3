import { defineCommand } from 'citty';
import { collectBootstrap } from '../../client/bootstrap-collect.js';
import { resolveProject } from '../../client/resolve-project.js';
import { clientFor, jsonArg, printJson, runCommand, scopeArgs, serverArgs, type CliContext } from '../context.js';

export function bootstrapCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'bootstrap', description: "Seed this project's memory from git history, README, docs, module headers and rule files" },
    args: {
      'dry-run': { type: 'boolean', description: 'Collect and show the planned pages; write nothing' },
      'project-strategy': { type: 'string', description: 'basename (default) or repo-root, as for the hooks' },
      ...scopeArgs,
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        // The same resolution as the hook command, so the seed lands where sessions will.
        const strategy = args['project-strategy'] === 'repo-root' ? 'repo-root' : undefined;
        const resolved = resolveProject(ctx.cwd, { homeDir: ctx.homeDir, ...(strategy ? { strategy } : {}) });
        const workspace = args.workspace || resolved.workspace;
        const project = args.project || resolved.project;
        const progress = (stage: string, done: number, total: number) => ctx.stderr.write(`bootstrap: ${stage} ${done}/${total}\n`);
        ctx.stderr.write(`bootstrap: collecting from ${ctx.cwd} for ${workspace}/${project}\n`);
        const collected = await collectBootstrap(ctx.cwd, progress);
        ctx.stderr.write('bootstrap: sending to the server\n');
        const result = await clientFor(ctx, args).bootstrap({ ...collected, workspace, project, ...(args['dry-run'] ? { dry_run: true } : {}) });
        if (args.json) return printJson(ctx, result);
        ctx.stdout.write(`${result.dry_run ? 'Would write' : 'Bootstrapped'} ${result.workspace}/${result.project} from ${result.collected} (${result.mode === 'llm' ? 'summarised by the LLM provider' : 'rule-based'}):\n`);
        for (const page of result.pages) ctx.stdout.write(`  ${page.status.padEnd(9)} ${page.path}  "${page.title}"\n`);
        if (result.llm_error) ctx.stderr.write(`ai-memory: the LLM summary failed (${result.llm_error}); wrote the rule-based pages\n`);
        if (result.commit) ctx.stdout.write(`Commit ${result.commit.slice(0, 7)}.\n`);
      });
    },
  });
}
