import { resolve } from 'node:path';
import { defineCommand } from 'citty';
import { hookAgentOf, hookFile, installHooks } from '../../client/installers/hook-agents.js';
import { MemoryError } from '../../core/errors.js';
import { runCommand, type CliContext } from '../context.js';
import { carryOut, packageDir, readText, report } from '../install-io.js';
import { installArgs, placeOf, scopeOf, targetOf, tokenNotes } from './install-args.js';

export function installHooksCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'install-hooks', description: "Wire ai-memory's capture hooks into an agent's config (dry run unless --apply)" },
    args: {
      agent: { type: 'string', required: true, description: 'claude-code, codex, gemini-cli, cursor, opencode, antigravity, pi, omp or openclaw' },
      ...installArgs,
      'server-url': { type: 'string', description: 'Bake this server URL into the hooks (default: $AI_MEMORY_SERVER_URL if set, else none)' },
      'auth-token': { type: 'string', description: 'Bake this token into the hooks (default: $AI_MEMORY_AUTH_TOKEN if set, else none)' },
      'project-strategy': { type: 'string', description: 'repo-root: name the project after the main checkout (worktrees share it)' },
      scripts: { type: 'boolean', description: 'Run the POSIX sh scripts in hooks/<agent>/ instead of the bin directly' },
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const agent = hookAgentOf(args.agent);
        const strategy = args['project-strategy'];
        if (strategy !== undefined && strategy !== 'repo-root' && strategy !== 'basename') throw new MemoryError('INVALID_INPUT', `--project-strategy must be "repo-root" or "basename", not "${strategy}".`);
        const path = args.config ? resolve(ctx.cwd, args.config) : hookFile(agent, scopeOf(args.scope), placeOf(ctx));
        const target = targetOf(ctx, args);
        const before = readText(path);
        const plan = installHooks(agent, before, path, {
          node: process.execPath,
          packageDir: packageDir(import.meta.url),
          serverUrl: target.serverUrl,
          authToken: target.authToken,
          projectStrategy: strategy === 'repo-root' ? 'repo-root' : undefined,
          scripts: args.scripts,
        });
        const results = await carryOut([{ path, before, after: plan.after, what: `${agent} hooks` }], Boolean(args.apply), target.authToken);
        report(ctx, 'install-hooks', Boolean(args.apply), args.json, results, [...plan.notes, ...tokenNotes(path, ctx.cwd, target.authToken)], { agent, events: plan.events });
      });
    },
  });
}
