import { join } from 'node:path';
import { MemoryError } from '../../core/errors.js';
import { editJson, isObject, pruneEmpty, type JsonObject } from './json-text.js';
import { claudeDesktopConfig, claudeJson, codexHome, ompDir, xdgConfig, type Place, type Scope } from './locations.js';
import { removeCodexMcp, upsertCodexMcp } from './codex-toml.js';
import { MCP_SERVER_NAME, mcpUrl, type McpTarget } from './mcp-target.js';
import { didYouMean } from '../../core/nearest.js';
import { openclawConfigFile } from './openclaw-plugin.js';

export { MCP_SERVER_NAME, mcpUrl, type McpTarget };

/**
 * MCP registration per client: the file, the JSON path of the servers table, and the entry in
 * the client's own dialect (reference/clients.md section 10's quirks table).
 */
export const MCP_CLIENTS = ['claude-code', 'codex', 'gemini-cli', 'cursor', 'opencode', 'claude-desktop', 'antigravity', 'openclaw', 'omp'] as const;
export type McpClient = (typeof MCP_CLIENTS)[number];

export interface McpPlan {
  client: McpClient;
  path: string;
  after: string | null;
  notes: string[];
}

export function mcpClientOf(name: string): McpClient {
  const aliases: Record<string, McpClient> = { claude: 'claude-code', gemini: 'gemini-cli', agy: 'antigravity', 'oh-my-pi': 'omp', desktop: 'claude-desktop' };
  const client = (MCP_CLIENTS as readonly string[]).includes(name) ? (name as McpClient) : aliases[name];
  if (!client) throw new MemoryError('INVALID_INPUT', `Unknown MCP client "${name}"${didYouMean(name, MCP_CLIENTS) || '.'} Use one of: ${MCP_CLIENTS.join(', ')}.`);
  return client;
}

const USER_ONLY = new Set<McpClient>(['claude-desktop', 'openclaw']);

export function mcpFile(client: McpClient, scope: Scope, place: Place, exists: (path: string) => boolean = () => false): string {
  if (scope === 'project' && USER_ONLY.has(client)) throw new MemoryError('INVALID_INPUT', `${client} has no project-level MCP config; use --scope user.`);
  const user = scope === 'user';
  const project = place.projectDir;
  switch (client) {
    case 'claude-code':
      return user ? claudeJson(place) : join(project, '.mcp.json');
    case 'codex':
      return user ? join(codexHome(place), 'config.toml') : join(project, '.codex', 'config.toml');
    case 'gemini-cli':
      return user ? join(place.homeDir, '.gemini', 'settings.json') : join(project, '.gemini', 'settings.json');
    case 'cursor':
      return user ? join(place.homeDir, '.cursor', 'mcp.json') : join(project, '.cursor', 'mcp.json');
    case 'opencode': {
      const dir = user ? join(xdgConfig(place), 'opencode') : project;
      const json = join(dir, 'opencode.json');
      const jsonc = join(dir, 'opencode.jsonc');
      return !exists(json) && exists(jsonc) ? jsonc : json;
    }
    case 'claude-desktop':
      return claudeDesktopConfig(place);
    case 'antigravity':
      return user ? join(place.homeDir, '.gemini', 'config', 'mcp_config.json') : join(project, '.agents', 'mcp_config.json');
    case 'openclaw':
      return openclawConfigFile(place);
    case 'omp':
      return user ? join(ompDir(place), 'mcp.json') : join(project, '.omp', 'mcp.json');
  }
}

/** The servers table's path inside the document. */
function tablePath(client: McpClient): string[] {
  if (client === 'opencode') return ['mcp'];
  if (client === 'openclaw') return ['mcp', 'servers'];
  return ['mcpServers'];
}

export function mcpEntry(client: McpClient, target: McpTarget): JsonObject {
  const url = mcpUrl(target.serverUrl);
  const headers = target.authToken ? { Authorization: `Bearer ${target.authToken}` } : undefined;
  const withHeaders = (entry: JsonObject): JsonObject => (headers ? { ...entry, headers } : entry);
  switch (client) {
    case 'claude-code':
      return withHeaders({ type: 'http', url });
    case 'gemini-cli':
      return withHeaders({ httpUrl: url });
    case 'cursor':
      return withHeaders({ url });
    case 'opencode':
      return withHeaders({ type: 'remote', url, enabled: true, oauth: false });
    case 'antigravity':
      return withHeaders({ serverUrl: url });
    case 'openclaw':
      return withHeaders({ url, transport: 'streamable-http' });
    case 'omp':
      return withHeaders({ type: 'http', url, enabled: true });
    case 'claude-desktop':
      return desktopEntry(url, target.authToken);
    case 'codex':
      throw new MemoryError('INTERNAL', 'codex entries are TOML');
  }
}

/**
 * Claude Desktop speaks stdio only: bridge with mcp-remote. The header value goes through an
 * env var because some clients do not escape spaces in args (mcp-remote README).
 */
function desktopEntry(url: string, token: string | undefined): JsonObject {
  const args = ['-y', 'mcp-remote', url];
  if (!/^https:|^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/)/.test(url)) args.push('--allow-http');
  if (!token) return { command: 'npx', args };
  return { command: 'npx', args: [...args, '--header', 'Authorization:${AI_MEMORY_AUTH_HEADER}'], env: { AI_MEMORY_AUTH_HEADER: `Bearer ${token}` } };
}

export function installMcp(client: McpClient, text: string | null, path: string, target: McpTarget): McpPlan {
  const notes = notesFor(client);
  if (client === 'codex') return { client, path, after: upsertCodexMcp(text, path, target), notes };
  const after = editJson(text, path, (doc) => {
    const table = tableAt(doc, tablePath(client), true)!;
    table[MCP_SERVER_NAME] = mcpEntry(client, target);
  });
  return { client, path, after, notes };
}

export function uninstallMcp(client: McpClient, text: string | null, path: string): McpPlan {
  if (text === null) return { client, path, after: null, notes: [] };
  if (client === 'codex') return { client, path, after: removeCodexMcp(text), notes: [] };
  const keys = tablePath(client);
  const after = editJson(
    text,
    path,
    (doc) => {
      const table = tableAt(doc, keys, false);
      if (!table || !(MCP_SERVER_NAME in table)) return;
      delete table[MCP_SERVER_NAME];
      // Drop the tables the install created, innermost first.
      for (let depth = keys.length - 1; depth >= 0; depth -= 1) {
        const parent = depth === 0 ? doc : tableAt(doc, keys.slice(0, depth), false);
        if (parent) pruneEmpty(parent, keys[depth]!);
      }
    },
    { dropWhenEmpty: true },
  );
  return { client, path, after, notes: [] };
}

function tableAt(doc: JsonObject, keys: string[], create: boolean): JsonObject | undefined {
  let node = doc;
  for (const key of keys) {
    const next = node[key];
    if (isObject(next)) node = next;
    else if (create && next === undefined) node = node[key] = {} as JsonObject;
    else if (create) throw new MemoryError('INVALID_INPUT', `"${keys.join('.')}" in the config is not an object; fix it by hand first.`);
    else return undefined;
  }
  return node;
}

function notesFor(client: McpClient): string[] {
  switch (client) {
    case 'claude-code':
      return ['Claude Code asks once before using a project-scope (.mcp.json) server; check with /mcp.'];
    case 'codex':
      return ['Codex: the tools are pre-approved (default_tools_approval_mode = "approve"); check with /mcp. A project\'s .codex/config.toml is read only when Codex trusts that project.'];
    case 'claude-desktop':
      return ['Claude Desktop: needs Node (npx) for mcp-remote; fully quit and relaunch the app.'];
    case 'cursor':
      return ['Cursor: restart it or toggle the server in Settings > MCP.'];
    case 'opencode':
      return ['OpenCode: restart it; written in the OpenCode 1.x form (mcp.<name>).'];
    case 'openclaw':
      return ['OpenClaw: a running Gateway picks up mcp.servers on its own (hybrid reload); check with `openclaw mcp probe ai-memory`.'];
    default:
      return [];
  }
}
