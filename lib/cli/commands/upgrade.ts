import { join } from 'node:path';
import { defineCommand } from 'citty';
import { HOOK_AGENTS, hookFile, installHooks, USER_ONLY_HOOKS } from '../../client/installers/hook-agents.js';
import { installedHookOptions, installedMcpTarget } from '../../client/installers/installed-options.js';
import { INSTRUCTION_FILES, hasInstructions, installInstructions } from '../../client/installers/instructions-block.js';
import type { Scope } from '../../client/installers/locations.js';
import { MCP_CLIENTS, installMcp, mcpFile } from '../../client/installers/mcp-clients.js';
import { runCommand, type CliContext } from '../context.js';
import { carryOut, fileExists, packageDir, readText, report, type PlannedChange } from '../install-io.js';
import { placeOf, scopeOf } from './install-args.js';

/**
 * `ai-memory upgrade`: after a new version, a moved checkout or another node (nvm), rewrite
 * every hook and MCP entry an earlier install left (and the instruction block in this folder), with this version's shapes, node path and
 * package folder, keeping the server URL, token and flags they were installed with. Only
 * files that already hold ai-memory entries are touched; dry run unless --apply.
 */
export function upgradeCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'upgrade', description: 'Refresh every installed ai-memory hook, MCP entry and instruction block to this version and node path (dry run unless --apply)' },
    args: {
      apply: { type: 'boolean', description: 'Write the changes, each changed file backed up first (default: print them)' },
      scope: { type: 'string', description: 'user or project (default: both: your home configs and the current folder)' },
      json: { type: 'boolean', description: 'Print machine-readable JSON' },
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const place = placeOf(ctx);
        const scopes: Scope[] = args.scope ? [scopeOf(args.scope)] : ['user', 'project'];
        const install = { node: process.execPath, packageDir: packageDir(import.meta.url) };
        const changes: PlannedChange[] = [];
        const notes = new Set<string>();
        const tokens = new Set<string>();
        // Gemini keeps hooks and MCP in one settings.json: both refreshes land in one change.
        const textOf = (path: string) => changes.find((c) => c.path === path)?.after ?? readText(path);
        const add = (path: string, after: string | null, what: string) => {
          const prior = changes.find((c) => c.path === path);
          if (prior) Object.assign(prior, { after, what: `${prior.what}, ${what}` });
          else changes.push({ path, before: readText(path), after, what });
        };
        for (const scope of scopes) {
          for (const agent of HOOK_AGENTS) {
            if (scope === 'project' && USER_ONLY_HOOKS.has(agent)) continue;
            const path = hookFile(agent, scope, place);
            const found = installedHookOptions(textOf(path), path);
            if (!found) continue;
            if (found.authToken) tokens.add(found.authToken);
            const plan = installHooks(agent, textOf(path), path, { ...install, ...found });
            if (plan.after !== readText(path)) plan.notes.forEach((n) => notes.add(n));
            add(path, plan.after, `${agent} hooks`);
          }
          for (const client of MCP_CLIENTS) {
            if (scope === 'project' && (client === 'claude-desktop' || client === 'openclaw')) continue;
            const path = mcpFile(client, scope, place, fileExists);
            const target = installedMcpTarget(textOf(path), path, client === 'codex');
            if (!target) continue;
            if (target.authToken) tokens.add(target.authToken);
            add(path, installMcp(client, textOf(path), path, target).after, `${client} MCP server`);
          }
        }
        // The routing block in this folder's instruction files, where one was installed.
        if (scopes.includes('project')) {
          for (const name of INSTRUCTION_FILES) {
            const path = join(ctx.cwd, name);
            if (hasInstructions(textOf(path))) add(path, installInstructions(textOf(path)), `instructions in ${name}`);
          }
        }
        if (changes.length === 0) notes.add('No ai-memory hooks or MCP entries were found here; install them with `ai-memory install-hooks --agent A --apply` and `ai-memory install-mcp --client C --apply`.');
        const results = await carryOutMasked(changes, Boolean(args.apply), [...tokens]);
        report(ctx, 'upgrade', Boolean(args.apply), args.json, results, [...notes], { version: ctx.version, node: install.node, package_dir: install.packageDir });
      });
    },
  });
}

/** carryOut masks one secret; entries installed with different tokens each get masked. */
async function carryOutMasked(changes: PlannedChange[], apply: boolean, tokens: string[]) {
  const results = await carryOut(changes, apply, tokens[0]);
  for (const result of results) for (const token of tokens.slice(1)) if (result.diff) result.diff = result.diff.split(token).join('<redacted-token>');
  return results;
}
