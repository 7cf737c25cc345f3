import { homedir } from 'node:os';
import { defineCommand, runMain, type ArgsDef, type CommandDef } from 'citty';
import { packageVersion } from '../config/version.js';
import { MemoryError } from '../core/errors.js';
import type { Env } from '../config/client-config.js';
import { reportError, type CliContext } from './context.js';
import { editDistance } from '../core/nearest.js';
import { strictFlags } from './strict-flags.js';

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
  // `hook` stays lenient: it runs inside agents and must never fail on its arguments.
  const strict = <A extends ArgsDef>(name: string, command: CommandDef<A>): CommandDef<A> => strictFlags(command, name, ctx);
  const main = defineCommand({
    meta: { name: 'ai-memory', version: ctx.version, description: 'Long-term memory for AI coding agents' },
    subCommands: {
      serve: () => import('./commands/serve.js').then((m) => strict('serve', m.serveCommand(ctx))),
      status: () => import('./commands/status.js').then((m) => strict('status', m.statusCommand(ctx))),
      search: () => import('./commands/search.js').then((m) => strict('search', m.searchCommand(ctx))),
      'write-page': () => import('./commands/write-page.js').then((m) => strict('write-page', m.writePageCommand(ctx))),
      'read-page': () => import('./commands/read-page.js').then((m) => strict('read-page', m.readPageCommand(ctx))),
      history: () => import('./commands/history.js').then((m) => strict('history', m.historyCommand(ctx))),
      diff: () => import('./commands/diff.js').then((m) => strict('diff', m.diffCommand(ctx))),
      ls: () => import('./commands/ls.js').then((m) => strict('ls', m.lsCommand(ctx))),
      handoff: () => import('./commands/handoff.js').then((m) => strict('handoff', m.handoffCommand(ctx))),
      reindex: () => import('./commands/reindex.js').then((m) => strict('reindex', m.reindexCommand(ctx))),
      hook: () => import('./commands/hook.js').then((m) => m.hookCommand(ctx)),
      init: () => import('./commands/init.js').then((m) => strict('init', m.initCommand(ctx))),
      'generate-auth-token': () => import('./commands/generate-auth-token.js').then((m) => strict('generate-auth-token', m.generateAuthTokenCommand(ctx))),
      user: () => import('./commands/user.js').then((m) => strict('user', m.userCommand(ctx))),
      'purge-project': () => import('./commands/projects-admin.js').then((m) => strict('purge-project', m.purgeProjectCommand(ctx))),
      'rename-project': () => import('./commands/projects-admin.js').then((m) => strict('rename-project', m.renameProjectCommand(ctx))),
      backup: () => import('./commands/backup.js').then((m) => strict('backup', m.backupCommand(ctx))),
      sync: () => import('./commands/sync.js').then((m) => strict('sync', m.syncCommand(ctx))),
      restore: () => import('./commands/backup.js').then((m) => strict('restore', m.restoreCommand(ctx))),
      'install-hooks': () => import('./commands/install-hooks.js').then((m) => strict('install-hooks', m.installHooksCommand(ctx))),
      'install-mcp': () => import('./commands/install-mcp.js').then((m) => strict('install-mcp', m.installMcpCommand(ctx))),
      'install-instructions': () => import('./commands/install-instructions.js').then((m) => strict('install-instructions', m.installInstructionsCommand(ctx))),
      auth: () => import('./commands/auth.js').then((m) => strict('auth', m.authCommand(ctx))),
      upgrade: () => import('./commands/upgrade.js').then((m) => strict('upgrade', m.upgradeCommand(ctx))),
      uninstall: () => import('./commands/uninstall.js').then((m) => strict('uninstall', m.uninstallCommand(ctx))),
      'forget-sweep': () => import('./commands/forget-sweep.js').then((m) => strict('forget-sweep', m.forgetSweepCommand(ctx))),
      lint: () => import('./commands/lint.js').then((m) => strict('lint', m.lintCommand(ctx))),
      bootstrap: () => import('./commands/bootstrap.js').then((m) => strict('bootstrap', m.bootstrapCommand(ctx))),
      'catch-up': () => import('./commands/catch-up.js').then((m) => strict('catch-up', m.catchUpCommand(ctx))),
      embed: () => import('./commands/embed.js').then((m) => strict('embed', m.embedCommand(ctx))),
      consolidate: () => import('./commands/consolidate.js').then((m) => strict('consolidate', m.consolidateCommand(ctx))),
    },
  });
  const first = argv[0];
  const names = Object.keys(main.subCommands as Record<string, unknown>);
  if (first !== undefined && !first.startsWith('-') && !names.includes(first)) refuseUnknownCommand(first, names, argv.includes('--json'), ctx);
  await runMain(main, { rawArgs: argv });
}

/** A typo gets one line naming the nearest command (and exit 2, like any bad input), not a page of usage. */
function refuseUnknownCommand(name: string, names: string[], json: boolean, ctx: CliContext): never {
  const near = names.filter((n) => n.startsWith(name.slice(0, 3)) || editDistance(n, name) <= 2);
  const hint = near.length > 0 ? `; did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : '';
  const error = new MemoryError('INVALID_INPUT', `unknown command ${JSON.stringify(name)}${hint} (\`ai-memory --help\` lists them)`);
  process.exit(reportError(ctx, error, json));
}
