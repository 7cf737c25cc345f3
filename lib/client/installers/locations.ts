import { join } from 'node:path';
import type { Env } from '../../config/client-config.js';

/**
 * Where each agent keeps its files. Pure: the home dir, project dir, environment and platform
 * come from the caller. Relocation variables the agents honour are respected
 * (CLAUDE_CONFIG_DIR, CODEX_HOME, XDG_CONFIG_HOME, PI_CODING_AGENT_DIR).
 */
export type Scope = 'user' | 'project';

export interface Place {
  homeDir: string;
  projectDir: string;
  env: Env;
  platform: NodeJS.Platform;
}

const set = (value: string | undefined) => (value && value.trim() !== '' ? value : undefined);

export const claudeDir = (p: Place) => set(p.env.CLAUDE_CONFIG_DIR) ?? join(p.homeDir, '.claude');
export const claudeJson = (p: Place) => (set(p.env.CLAUDE_CONFIG_DIR) ? join(p.env.CLAUDE_CONFIG_DIR!, '.claude.json') : join(p.homeDir, '.claude.json'));
export const codexHome = (p: Place) => set(p.env.CODEX_HOME) ?? join(p.homeDir, '.codex');
export const xdgConfig = (p: Place) => set(p.env.XDG_CONFIG_HOME) ?? join(p.homeDir, '.config');
export const ompDir = (p: Place) => set(p.env.PI_CODING_AGENT_DIR) ?? join(p.homeDir, '.omp', 'agent');

export function claudeDesktopConfig(p: Place): string {
  if (p.platform === 'darwin') return join(p.homeDir, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
  if (p.platform === 'win32') return join(set(p.env.APPDATA) ?? join(p.homeDir, 'AppData', 'Roaming'), 'Claude', 'claude_desktop_config.json');
  // No official Linux build; community builds read this path.
  return join(xdgConfig(p), 'Claude', 'claude_desktop_config.json');
}
