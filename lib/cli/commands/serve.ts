import { defineCommand } from 'citty';
import { MemoryError } from '../../core/errors.js';
import { runCommand, type CliContext } from '../context.js';

export function serveCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'serve', description: 'Run the memory server (HTTP API, MCP, hooks, web UI) on the data dir' },
    args: {
      'data-dir': { type: 'string', description: 'Data directory (default $AI_MEMORY_DATA_DIR or ~/.local/share/ai-memory)' },
      host: { type: 'string', description: 'Interface to bind (default 127.0.0.1)' },
      port: { type: 'string', description: 'TCP port (default 49374; 0 picks a free one)' },
      transport: { type: 'string', description: 'http (default) or stdio' },
      'web-ui-dir': { type: 'string', description: 'Serve this static build at /web instead of the built-in UI ($AI_MEMORY_WEB_UI_DIR)' },
      watch: { type: 'boolean', default: true, description: 'Watch the wiki for external edits (--no-watch to disable)' },
      'exit-with-parent': { type: 'boolean', description: 'Stop when the process that started this one exits (what `npm start` uses: its shell does not pass signals on)' },
    },
    async run({ args }) {
      await runCommand(ctx, false, async () => {
        const port = args.port === undefined ? undefined : Number(args.port);
        if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
          throw new MemoryError('INVALID_INPUT', `--port must be 0..65535, got ${args.port}`);
        }
        if (args.transport !== undefined && args.transport !== 'http' && args.transport !== 'stdio') {
          throw new MemoryError('INVALID_INPUT', '--transport must be http or stdio');
        }
        // Loaded lazily: client commands must not pay for the server's dependencies.
        const { runServe } = await import('../../server/main.js');
        await runServe(
          {
            ...(args['data-dir'] ? { dataDir: args['data-dir'] } : {}),
            ...(args.host ? { host: args.host } : {}),
            ...(port !== undefined ? { port } : {}),
            ...(args.transport ? { transport: args.transport as 'http' | 'stdio' } : {}),
            ...(args['web-ui-dir'] ? { webUiDir: args['web-ui-dir'] } : {}),
            watch: args.watch,
          },
          ctx.env,
          { exitWithParent: Boolean(args['exit-with-parent']) },
        );
      });
    },
  });
}
