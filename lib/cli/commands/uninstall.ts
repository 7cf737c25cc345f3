import { basename, resolve } from 'node:path';
import { defineCommand } from 'citty';
import { HOOK_AGENTS, hookAgentOf, hookFile, uninstallHooks, USER_ONLY_HOOKS, type HookAgent } from '../../client/installers/hook-agents.js';
import { INSTRUCTION_FILES, uninstallInstructions } from '../../client/installers/instructions-block.js';
import type { Scope } from '../../client/installers/locations.js';
import { MCP_CLIENTS, mcpClientOf, mcpFile, uninstallMcp, type McpClient } from '../../client/installers/mcp-clients.js';
import { MemoryError } from '../../core/errors.js';
import { runCommand, type CliContext } from '../context.js';
import { carryOut, fileExists, readText, report, type PlannedChange } from '../install-io.js';
import { installArgs, placeOf, scopeOf } from './install-args.js';
import { instructionFiles } from './install-instructions.js';

export function uninstallCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'uninstall', description: 'Remove what ai-memory added: hooks, MCP entries, instruction blocks (dry run unless --apply)' },
    args: {
      agent: { type: 'string', description: "Remove this agent's hooks" },
      client: { type: 'string', description: "Remove this client's MCP entry" },
      instructions: { type: 'boolean', description: 'Remove the instruction block from CLAUDE.md / AGENTS.md / GEMINI.md here (or --file)' },
      file: { type: 'string', description: 'The instruction file to clean (with --instructions)' },
      all: { type: 'boolean', description: 'Everything: every agent and client, user and project scope, and the instruction blocks here' },
      ...installArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        if (!args.agent && !args.client && !args.instructions && !args.all) throw new MemoryError('INVALID_INPUT', 'Say what to remove: --agent A, --client C, --instructions, or --all.');
        if (args.config && args.all) throw new MemoryError('INVALID_INPUT', '--config names one file; use it with --agent or --client, not --all.');
        const place = placeOf(ctx);
        const scopes: Scope[] = args.all ? ['user', 'project'] : [scopeOf(args.scope)];
        const changes: PlannedChange[] = [];
        const add = (change: PlannedChange) => {
          // Gemini keeps hooks and MCP in one settings.json: edit it once with both removals.
          const prior = changes.find((c) => c.path === change.path);
          if (prior) prior.after = change.after;
          else changes.push(change);
        };
        const hookAgents: HookAgent[] = args.all ? [...HOOK_AGENTS] : args.agent ? [hookAgentOf(args.agent)] : [];
        const clients: McpClient[] = args.all ? [...MCP_CLIENTS] : args.client ? [mcpClientOf(args.client)] : [];
        for (const scope of scopes) {
          for (const agent of hookAgents) {
            if (args.all && scope === 'project' && USER_ONLY_HOOKS.has(agent)) continue;
            const path = args.config ? resolve(ctx.cwd, args.config) : hookFile(agent, scope, place);
            const before = currentText(changes, path);
            add({ path, before: original(changes, path, before), after: uninstallHooks(agent, before, path).after, what: `${agent} hooks` });
          }
          for (const client of clients) {
            if (scope === 'project' && (client === 'claude-desktop' || client === 'openclaw')) continue;
            const path = args.config ? resolve(ctx.cwd, args.config) : mcpFile(client, scope, place, fileExists);
            const before = currentText(changes, path);
            add({ path, before: original(changes, path, before), after: uninstallMcp(client, before, path).after, what: `${client} MCP server` });
          }
        }
        if (args.instructions || args.all) {
          const files = args.file ? [resolve(ctx.cwd, args.file)] : args.all ? INSTRUCTION_FILES.map((n) => resolve(ctx.cwd, n)) : instructionFiles(ctx.cwd, undefined);
          for (const path of files) {
            const before = currentText(changes, path);
            add({ path, before: original(changes, path, before), after: uninstallInstructions(before), what: `instructions in ${basename(path)}` });
          }
        }
        const results = (await carryOut(changes, Boolean(args.apply))).filter((r) => r.action !== 'unchanged' || !args.all || readText(r.path) !== null);
        report(ctx, 'uninstall', Boolean(args.apply), args.json, results, []);
      });
    },
  });
}

/** The text as earlier removals in this run left it. */
function currentText(changes: PlannedChange[], path: string): string | null {
  const prior = changes.find((c) => c.path === path);
  return prior ? prior.after : readText(path);
}

function original(changes: PlannedChange[], path: string, fallback: string | null): string | null {
  const prior = changes.find((c) => c.path === path);
  return prior ? prior.before : fallback;
}
