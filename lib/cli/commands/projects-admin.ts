import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, serverArgs, type CliContext } from '../context.js';
import { count } from '../words.js';

/** `ai-memory purge-project --project P [--workspace W] --confirm` */
export function purgeProjectCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'purge-project', description: "Remove a project's pages (one commit), raw events and index entries" },
    args: {
      project: { type: 'string', alias: 'p', required: true, description: 'Project to remove' },
      workspace: { type: 'string', description: 'Workspace (default "default")' },
      confirm: { type: 'boolean', description: 'Really remove it; without this nothing changes' },
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const result = await clientFor(ctx, args).purgeProject({ workspace: args.workspace, project: args.project, confirm: args.confirm === true });
        if (args.json) return printJson(ctx, result);
        ctx.stdout.write(
          `Purged ${result.workspace}/${result.project}: ${count(result.pages_removed, 'page')}, ${count(result.raw_files_removed, 'raw event file')}` +
            `${result.commit ? ` (commit ${result.commit.slice(0, 7)}; git history still has the pages)` : ''}.\n`,
        );
      });
    },
  });
}

/** `ai-memory rename-project --from A --to B [--workspace W]` */
export function renameProjectCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'rename-project', description: 'Rename a project folder in one commit; pages, sessions and handoffs move with it' },
    args: {
      from: { type: 'string', required: true, description: 'Current project name' },
      to: { type: 'string', required: true, description: 'New project name (usually the new directory name)' },
      workspace: { type: 'string', description: 'Workspace (default "default")' },
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const result = await clientFor(ctx, args).renameProject({ workspace: args.workspace, from: args.from, to: args.to });
        if (args.json) return printJson(ctx, result);
        ctx.stdout.write(`Renamed ${result.workspace}/${result.from} to ${result.workspace}/${result.to} (${result.files_moved} files${result.raw_moved ? ', raw events moved' : ''}).\n`);
      });
    },
  });
}
