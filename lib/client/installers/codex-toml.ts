import { parse as parseToml } from 'smol-toml';
import { MemoryError } from '../../core/errors.js';
import { mcpUrl, MCP_SERVER_NAME, type McpTarget } from './mcp-target.js';
import { removeBlock, upsertBlock, type Markers } from './marked-block.js';

/**
 * Codex's config.toml is hand-edited and full of comments, which no TOML round trip keeps. So
 * the server table lives in a marked block appended to the file: the rest stays byte for byte,
 * a re-run replaces the block in place, uninstall cuts it out. smol-toml checks the result.
 */
export const CODEX_MARKERS: Markers = {
  begin: '# >>> ai-memory (managed by `ai-memory install-mcp`; remove with `ai-memory uninstall --client codex`) >>>',
  end: '# <<< ai-memory <<<',
};

export function codexMcpBlock(target: McpTarget): string {
  const lines = [`[mcp_servers.${MCP_SERVER_NAME}]`, `url = ${JSON.stringify(mcpUrl(target.serverUrl))}`, 'default_tools_approval_mode = "approve"'];
  // `http_headers` is the key Codex honours for a static header on Streamable HTTP.
  if (target.authToken) lines.push(`http_headers = { Authorization = ${JSON.stringify(`Bearer ${target.authToken}`)} }`);
  return lines.join('\n');
}

export function upsertCodexMcp(text: string | null, path: string, target: McpTarget): string {
  const others = removeBlock(text, CODEX_MARKERS) ?? '';
  const existing = parsed(others, path).mcp_servers;
  if (typeof existing === 'object' && existing !== null && MCP_SERVER_NAME in existing) {
    throw new MemoryError('CONFLICT', `${path} already defines [mcp_servers.${MCP_SERVER_NAME}] outside ai-memory's marked block; remove it by hand, then run again.`);
  }
  const after = upsertBlock(text, CODEX_MARKERS, codexMcpBlock(target));
  parsed(after, path);
  return after;
}

export function removeCodexMcp(text: string): string | null {
  return removeBlock(text, CODEX_MARKERS);
}

function parsed(text: string, path: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new MemoryError('INVALID_INPUT', `${path} is not valid TOML (${(error as Error).message.split('\n')[0]}); fix it first, ai-memory will not rewrite it.`);
  }
}
