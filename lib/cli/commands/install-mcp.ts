import { resolve } from 'node:path';
import { defineCommand } from 'citty';
import { installMcp, mcpClientOf, mcpFile, mcpUrl } from '../../client/installers/mcp-clients.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../core/contract.js';
import { runCommand, type CliContext } from '../context.js';
import { carryOut, fileExists, readText, report } from '../install-io.js';
import { installArgs, placeOf, scopeOf, targetOf, tokenNotes } from './install-args.js';

export function installMcpCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'install-mcp', description: "Register ai-memory's MCP server with a client (dry run unless --apply)" },
    args: {
      client: { type: 'string', required: true, description: 'claude-code, codex, gemini-cli, cursor, opencode, claude-desktop, antigravity, openclaw or omp' },
      ...installArgs,
      'server-url': { type: 'string', description: `Server URL (default $AI_MEMORY_SERVER_URL or http://${DEFAULT_HOST}:${DEFAULT_PORT})` },
      'auth-token': { type: 'string', description: 'Bearer token (default $AI_MEMORY_AUTH_TOKEN)' },
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const client = mcpClientOf(args.client);
        const path = args.config ? resolve(ctx.cwd, args.config) : mcpFile(client, scopeOf(args.scope), placeOf(ctx), fileExists);
        const given = targetOf(ctx, args);
        const target = { serverUrl: given.serverUrl ?? `http://${DEFAULT_HOST}:${DEFAULT_PORT}`, authToken: given.authToken };
        const before = readText(path);
        const plan = installMcp(client, before, path, target);
        const results = await carryOut([{ path, before, after: plan.after, what: `${client} MCP server` }], Boolean(args.apply), target.authToken);
        report(ctx, 'install-mcp', Boolean(args.apply), args.json, results, [...plan.notes, ...tokenNotes(path, ctx.cwd, target.authToken)], { client, url: mcpUrl(target.serverUrl) });
      });
    },
  });
}
