import { defineCommand } from 'citty';
import type { CliContext } from '../context.js';
import { runHook } from '../hook-main.js';

/**
 * `ai-memory hook --agent A --event E` as a documented command. bin/ai-memory normally takes a
 * faster path straight to runHook; this definition gives `--help` and the same behaviour.
 */
export function hookCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'hook', description: 'Forward an agent hook event (payload on stdin) to the memory server; always exits 0' },
    args: {
      agent: { type: 'string', required: true, description: 'claude-code, codex, gemini-cli, cursor, opencode, antigravity, ...' },
      event: { type: 'string', required: true, description: "The agent's event name, e.g. SessionStart" },
      'server-url': { type: 'string', description: 'Server URL (default $AI_MEMORY_SERVER_URL or http://127.0.0.1:49374)' },
      'auth-token': { type: 'string', description: 'Bearer token (default $AI_MEMORY_AUTH_TOKEN)' },
      'project-strategy': { type: 'string', description: 'basename (default) or repo-root' },
    },
    async run({ rawArgs }) {
      await runHook(rawArgs, ctx.env, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, cwd: ctx.cwd });
    },
  });
}
