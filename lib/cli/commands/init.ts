import { defineCommand } from 'citty';
import { jsonArg, printJson, runCommand, type CliContext } from '../context.js';

export function initCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'init', description: 'Create the data dir: wiki repository, config.toml template, token pepper (keeps what exists)' },
    args: {
      'data-dir': { type: 'string', description: 'Data directory (default $AI_MEMORY_DATA_DIR or ~/.local/share/ai-memory)' },
      ...jsonArg,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const { resolveDataDir } = await import('../../config/config.js');
        const dataDir = resolveDataDir({ dataDir: args['data-dir'] }, ctx.env, ctx.homeDir, ctx.cwd);
        // Direct disk work, like `serve`: loaded only for this command.
        const { initDataDir } = await import('../../server/init.js');
        const result = await initDataDir(dataDir);
        if (args.json) return printJson(ctx, result);
        const lines = [`Data dir ${result.data_dir}`, ...result.created.map((p) => `  created ${p}`), ...result.kept.map((p) => `  kept    ${p}`)];
        ctx.stdout.write(`${lines.join('\n')}\nStart the server with: ai-memory serve --data-dir ${result.data_dir}\n`);
      });
    },
  });
}
