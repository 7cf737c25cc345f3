import { homedir } from 'node:os';
import { defineCommand, runMain } from 'citty';
import { packageVersion } from '../config/version.js';
import type { Env } from '../config/client-config.js';
import type { CliContext } from './context.js';

/**
 * The `ai-memory` entry point. Commands are loaded lazily so that a client command (or a hook
 * fired on every tool call) only loads what it uses; the server code loads only for `serve`.
 */
export async function runCli(argv: string[], env: Env): Promise<void> {
  const ctx: CliContext = {
    env,
    cwd: process.cwd(),
    homeDir: homedir(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    version: packageVersion(import.meta.url),
  };
  const main = defineCommand({
    meta: { name: 'ai-memory', version: ctx.version, description: 'Long-term memory for AI coding agents' },
    subCommands: {
      serve: () => import('./commands/serve.js').then((m) => m.serveCommand(ctx)),
      status: () => import('./commands/status.js').then((m) => m.statusCommand(ctx)),
      search: () => import('./commands/search.js').then((m) => m.searchCommand(ctx)),
      'write-page': () => import('./commands/write-page.js').then((m) => m.writePageCommand(ctx)),
      'read-page': () => import('./commands/read-page.js').then((m) => m.readPageCommand(ctx)),
      history: () => import('./commands/history.js').then((m) => m.historyCommand(ctx)),
      reindex: () => import('./commands/reindex.js').then((m) => m.reindexCommand(ctx)),
      hook: () => import('./commands/hook.js').then((m) => m.hookCommand(ctx)),
      init: () => import('./commands/init.js').then((m) => m.initCommand(ctx)),
      'generate-auth-token': () => import('./commands/generate-auth-token.js').then((m) => m.generateAuthTokenCommand(ctx)),
      user: () => import('./commands/user.js').then((m) => m.userCommand(ctx)),
      'purge-project': () => import('./commands/projects-admin.js').then((m) => m.purgeProjectCommand(ctx)),
      'rename-project': () => import('./commands/projects-admin.js').then((m) => m.renameProjectCommand(ctx)),
      backup: () => import('./commands/backup.js').then((m) => m.backupCommand(ctx)),
      sync: () => import('./commands/sync.js').then((m) => m.syncCommand(ctx)),
      restore: () => import('./commands/backup.js').then((m) => m.restoreCommand(ctx)),
      'install-hooks': () => import('./commands/install-hooks.js').then((m) => m.installHooksCommand(ctx)),
      'install-mcp': () => import('./commands/install-mcp.js').then((m) => m.installMcpCommand(ctx)),
      'install-instructions': () => import('./commands/install-instructions.js').then((m) => m.installInstructionsCommand(ctx)),
      uninstall: () => import('./commands/uninstall.js').then((m) => m.uninstallCommand(ctx)),
      'forget-sweep': () => import('./commands/forget-sweep.js').then((m) => m.forgetSweepCommand(ctx)),
      lint: () => import('./commands/lint.js').then((m) => m.lintCommand(ctx)),
      bootstrap: () => import('./commands/bootstrap.js').then((m) => m.bootstrapCommand(ctx)),
      'catch-up': () => import('./commands/catch-up.js').then((m) => m.catchUpCommand(ctx)),
      embed: () => import('./commands/embed.js').then((m) => m.embedCommand(ctx)),
      consolidate: () => import('./commands/consolidate.js').then((m) => m.consolidateCommand(ctx)),
    },
  });
  await runMain(main, { rawArgs: argv });
}
