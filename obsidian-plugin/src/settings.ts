import type { DEFAULT_HOST, DEFAULT_PORT, ScopeRef } from '../../lib/core/contract.js';

// Spelled out (the bundle takes no code from lib/), but checked against the server's defaults.
const DEFAULT_SERVER_URL: `http://${typeof DEFAULT_HOST}:${typeof DEFAULT_PORT}` = 'http://127.0.0.1:49374';

/** Stored in the plugin's data.json (under .obsidian/plugins/ai-memory/), never in a note. */
export interface AiMemorySettings {
  serverUrl: string;
  /** The server's AI_MEMORY_AUTH_TOKEN or a user token; empty for an open loopback server. */
  authToken: string;
  /** Used when the open note is not inside a project folder. */
  defaultWorkspace: string;
  defaultProject: string;
  /** The wiki's folder inside the vault; empty when the vault is the wiki folder itself. */
  wikiFolder: string;
}

export const DEFAULT_SETTINGS: AiMemorySettings = {
  serverUrl: DEFAULT_SERVER_URL,
  authToken: '',
  defaultWorkspace: 'default',
  defaultProject: '',
  wikiFolder: '',
};

/** Merges stored data over the defaults, ignoring keys of the wrong type (a hand-edited file). */
export function normalizeSettings(stored: unknown): AiMemorySettings {
  const settings = { ...DEFAULT_SETTINGS };
  if (stored && typeof stored === 'object') {
    for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof AiMemorySettings>) {
      const value = (stored as Record<string, unknown>)[key];
      if (typeof value === 'string') settings[key] = value;
    }
  }
  return settings;
}

/** The configured default project, when both names are set. */
export function defaultScope(settings: AiMemorySettings): ScopeRef | null {
  const workspace = settings.defaultWorkspace.trim() || DEFAULT_SETTINGS.defaultWorkspace;
  const project = settings.defaultProject.trim();
  return project ? { workspace, project } : null;
}
