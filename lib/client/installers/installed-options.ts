import { parse as parseToml } from 'smol-toml';
import { isAiMemoryCommand, type HookCommandOptions } from './command-line.js';
import { CODEX_MARKERS } from './codex-toml.js';
import { findBlock } from './marked-block.js';
import { isObject, parseJsonObject } from './json-text.js';
import { MCP_SERVER_NAME, type McpTarget } from './mcp-target.js';
import { isAiMemoryPlugin } from './opencode-plugin.js';
import { isAiMemoryPiExtension } from './pi-extension.js';
import { installedOpenclawFlags } from './openclaw-plugin.js';

/**
 * Reads back what an earlier install wrote, so `upgrade` can write the same thing again with
 * this version's node path, package folder and entry shapes. Pure: text in, options out.
 * Flags this version does not know are kept verbatim rather than dropped.
 */
export type InstalledHookOptions = Pick<HookCommandOptions, 'serverUrl' | 'authToken' | 'projectStrategy' | 'scripts' | 'extraArgs'>;

/** The options of the ai-memory hooks in a config file, or null when it holds none. */
export function installedHookOptions(text: string | null, path: string): InstalledHookOptions | null {
  if (text === null || text.trim() === '') return null;
  if (isAiMemoryPlugin(text) || isAiMemoryPiExtension(text)) return pluginOptions(text);
  if (path.endsWith('.js') || path.endsWith('.ts')) return null;
  const doc = parseJsonObject(text, path);
  const commands = stringsIn(doc).filter(isAiMemoryCommand);
  if (commands.length > 0) return commandOptions(commands[0]!);
  // OpenClaw's plugin entry keeps the hook command's flags as its config.
  const openclaw = installedOpenclawFlags(doc);
  return openclaw ? flagOptions(openclaw) : null;
}

/** The flags of one installed hook command (either the direct or the script form). */
export function commandOptions(command: string): InstalledHookOptions {
  const words = shellWords(command);
  const eventAt = words.indexOf('--event');
  const scripts = eventAt < 0;
  // Direct: node bin hook --agent A --event E [flags]; script: script.sh E [flags].
  const flags = scripts ? words.slice(2) : words.slice(eventAt + 2);
  return { ...flagOptions(flags), scripts: scripts || undefined };
}

function flagOptions(flags: string[]): InstalledHookOptions {
  const options: InstalledHookOptions = {};
  const extra: string[] = [];
  for (let i = 0; i < flags.length; i += 1) {
    const flag = flags[i]!;
    const value = flags[i + 1];
    if (flag === '--server-url' && value !== undefined) options.serverUrl = value;
    else if (flag === '--auth-token' && value !== undefined) options.authToken = value;
    else if (flag === '--project-strategy' && value === 'repo-root') options.projectStrategy = 'repo-root';
    else {
      extra.push(flag);
      continue;
    }
    i += 1;
  }
  if (extra.length > 0) options.extraArgs = extra;
  return options;
}

/** The generated OpenCode plugin and Pi extensions keep their flags in `const EXTRA = [...]`. */
function pluginOptions(text: string): InstalledHookOptions {
  const match = /^const EXTRA = (.*);$/m.exec(text);
  let flags: unknown = [];
  try {
    flags = match ? JSON.parse(match[1]!) : [];
  } catch {
    flags = [];
  }
  return flagOptions(Array.isArray(flags) ? flags.filter((f): f is string => typeof f === 'string') : []);
}

/** Splits a command line the way sh does for the words the installers write. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i += 1) {
    const c = command[i]!;
    if (c === '"') {
      inWord = true;
      for (i += 1; i < command.length && command[i] !== '"'; i += 1) {
        if (command[i] === '\\' && '"\\$`'.includes(command[i + 1] ?? '')) i += 1;
        word += command[i];
      }
    } else if (c === "'") {
      inWord = true;
      const end = command.indexOf("'", i + 1);
      word += command.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? command.length : end;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      word += c === '\\' ? (command[++i] ?? '') : c;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The server URL and token of an installed ai-memory MCP entry, or null when there is none. */
export function installedMcpTarget(text: string | null, path: string, toml: boolean): McpTarget | null {
  if (text === null || text.trim() === '') return null;
  if (toml) return codexTarget(text);
  const entry = entryIn(parseJsonObject(text, path));
  if (!entry) return null;
  const strings = stringsIn(entry);
  const url = strings.find((s) => /^https?:\/\/\S+$/.test(s));
  if (!url) return null;
  const bearer = strings.map((s) => /^Bearer (\S+)$/.exec(s)?.[1]).find(Boolean);
  return { serverUrl: url.replace(/\/mcp\/?$/, ''), authToken: bearer };
}

/** Only the marked block is ai-memory's: a hand-written table is left alone. */
function codexTarget(text: string): McpTarget | null {
  const block = findBlock(text, CODEX_MARKERS);
  if (!block) return null;
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text.slice(block.start, block.end)) as Record<string, unknown>;
  } catch {
    return null;
  }
  const servers = doc.mcp_servers;
  const entry = isObject(servers) ? servers[MCP_SERVER_NAME] : undefined;
  if (!isObject(entry) || typeof entry.url !== 'string') return null;
  const headers = entry.http_headers;
  const auth = isObject(headers) && typeof headers.Authorization === 'string' ? /^Bearer (\S+)$/.exec(headers.Authorization)?.[1] : undefined;
  return { serverUrl: entry.url.replace(/\/mcp\/?$/, ''), authToken: auth };
}

/** The object registered under ai-memory's name, wherever the client keeps its servers table. */
function entryIn(value: unknown): Record<string, unknown> | null {
  if (Array.isArray(value)) return value.map(entryIn).find(Boolean) ?? null;
  if (!isObject(value)) return null;
  const own = value[MCP_SERVER_NAME];
  if (isObject(own)) return own;
  // OpenClaw's plugins.entries holds ai-memory's plugin under the same name: not an MCP server.
  return Object.entries(value)
    .filter(([key]) => key !== 'plugins')
    .map(([, child]) => entryIn(child))
    .find(Boolean) ?? null;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isObject(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}
