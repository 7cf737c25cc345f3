import { join } from 'node:path';
import { MemoryError } from '../../core/errors.js';
import { hookExtraArgs, type HookCommandOptions } from './command-line.js';
import { editJson, isObject, pruneEmpty, type JsonObject } from './json-text.js';
import type { Place } from './locations.js';

/**
 * OpenClaw runs lifecycle code only in plugins (typed `api.on(...)` hooks, docs/plugins/hooks.md
 * of the openclaw package). ai-memory ships one, hooks/openclaw/, and wiring it is one edit of
 * openclaw.json: the folder goes into `plugins.load.paths`, and `plugins.entries.ai-memory`
 * enables it, grants the conversation access its prompt and reply hooks need, and carries the
 * hook command (node, bin, flags) as the plugin's config. Nothing is copied, so an upgrade of
 * ai-memory is picked up by OpenClaw's next start and uninstall is this edit undone.
 */
export const OPENCLAW_PLUGIN_ID = 'ai-memory';

const set = (value: string | undefined) => (value && value.trim() !== '' && value !== 'undefined' && value !== 'null' ? value : undefined);

/** openclaw.json as OpenClaw finds it: OPENCLAW_CONFIG_PATH, else the state dir's (OPENCLAW_STATE_DIR, OPENCLAW_HOME). */
export function openclawConfigFile(place: Place): string {
  const explicit = set(place.env.OPENCLAW_CONFIG_PATH);
  if (explicit) return explicit;
  const stateDir = set(place.env.OPENCLAW_STATE_DIR) ?? join(set(place.env.OPENCLAW_HOME) ?? place.homeDir, '.openclaw');
  return join(stateDir, 'openclaw.json');
}

export const OPENCLAW_EVENTS = ['session_start', 'before_prompt_build', 'after_tool_call', 'agent_end', 'session_end', 'before_compaction', 'after_compaction'];

export function installOpenclawPlugin(text: string | null, path: string, options: HookCommandOptions): string | null {
  const folder = pluginFolder(options.packageDir);
  return editJson(text, path, (doc) => {
    const plugins = objectAt(doc, 'plugins', path);
    const load = objectAt(plugins, 'load', path);
    const entries = objectAt(plugins, 'entries', path);
    const previous = installedFolder(entries);
    const paths = Array.isArray(load.paths) ? (load.paths as unknown[]).filter((p) => p !== previous && p !== folder) : [];
    if (load.paths !== undefined && !Array.isArray(load.paths)) throw new MemoryError('INVALID_INPUT', `plugins.load.paths in ${path} is not a list; fix it by hand first.`);
    // Same position on a re-install, so a second run changes nothing.
    const at = Array.isArray(load.paths) ? (load.paths as unknown[]).findIndex((p) => p === previous || p === folder) : -1;
    paths.splice(at === -1 ? paths.length : at, 0, folder);
    load.paths = paths;
    const config: JsonObject = { node: options.node, bin: `${options.packageDir}/bin/ai-memory` };
    const args = hookExtraArgs(options);
    if (args.length > 0) config.args = args;
    entries[OPENCLAW_PLUGIN_ID] = { enabled: true, hooks: { allowConversationAccess: true }, config };
  });
}

export function uninstallOpenclawPlugin(text: string | null, path: string): string | null {
  if (text === null) return null;
  return editJson(
    text,
    path,
    (doc) => {
      const plugins = doc.plugins;
      if (!isObject(plugins) || !isObject(plugins.entries) || !(OPENCLAW_PLUGIN_ID in plugins.entries)) return;
      const folder = installedFolder(plugins.entries);
      delete plugins.entries[OPENCLAW_PLUGIN_ID];
      if (isObject(plugins.load) && Array.isArray(plugins.load.paths)) {
        plugins.load.paths = plugins.load.paths.filter((p) => p !== folder);
        pruneEmpty(plugins.load, 'paths');
      }
      for (const key of ['entries', 'load']) pruneEmpty(plugins, key);
      pruneEmpty(doc, 'plugins');
    },
    { dropWhenEmpty: true },
  );
}

/** The flags of an installed ai-memory plugin entry (what `upgrade` writes again), or null when there is none. */
export function installedOpenclawFlags(doc: JsonObject): string[] | null {
  const plugins = doc.plugins;
  const entry = isObject(plugins) && isObject(plugins.entries) ? plugins.entries[OPENCLAW_PLUGIN_ID] : undefined;
  if (!isObject(entry) || !isObject(entry.config) || typeof entry.config.bin !== 'string') return null;
  const args = entry.config.args;
  return Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [];
}

function pluginFolder(packageDir: string): string {
  return `${packageDir}/hooks/openclaw`;
}

/** The plugin folder of the install recorded in openclaw.json (its bin names the package). */
function installedFolder(entries: JsonObject): string | undefined {
  const entry = entries[OPENCLAW_PLUGIN_ID];
  const bin = isObject(entry) && isObject(entry.config) ? entry.config.bin : undefined;
  return typeof bin === 'string' && bin.endsWith('/bin/ai-memory') ? pluginFolder(bin.slice(0, -'/bin/ai-memory'.length)) : undefined;
}

function objectAt(parent: JsonObject, key: string, path: string): JsonObject {
  const value = parent[key];
  if (value === undefined) return (parent[key] = {} as JsonObject);
  if (!isObject(value)) throw new MemoryError('INVALID_INPUT', `"${key}" in ${path} is not an object; fix it by hand first.`);
  return value;
}
