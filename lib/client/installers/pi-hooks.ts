import { join } from 'node:path';
import { MemoryError } from '../../core/errors.js';
import type { HookCommandOptions } from './command-line.js';
import { ompDir, type Place, type Scope } from './locations.js';
import { isAiMemoryPiExtension, piExtension, type PiAgent } from './pi-extension.js';

export { PI_EVENTS } from './pi-extension.js';

/**
 * Where `install-hooks --agent pi|omp` puts the generated extension, and the install/uninstall
 * edits. Both agents auto-load `*.ts` from their agent folder's `extensions/` (user) and from a
 * project folder (Pi: `.pi/extensions/`, Oh My Pi: `.omp/extensions/`); both honour
 * PI_CODING_AGENT_DIR for the agent folder.
 */
const EXTENSION_NAME = 'ai-memory.ts';

const piAgentDir = (p: Place) => (p.env.PI_CODING_AGENT_DIR?.trim() ? p.env.PI_CODING_AGENT_DIR : join(p.homeDir, '.pi', 'agent'));

export function piExtensionFile(agent: PiAgent, scope: Scope, place: Place): string {
  if (agent === 'pi') return scope === 'user' ? join(piAgentDir(place), 'extensions', EXTENSION_NAME) : join(place.projectDir, '.pi', 'extensions', EXTENSION_NAME);
  return scope === 'user' ? join(ompDir(place), 'extensions', EXTENSION_NAME) : join(place.projectDir, '.omp', 'extensions', EXTENSION_NAME);
}

/** The extension's text; a file of that name that ai-memory did not write is never overwritten. */
export function installPiExtension(agent: PiAgent, text: string | null, path: string, options: HookCommandOptions): string {
  if (text !== null && !isAiMemoryPiExtension(text)) throw new MemoryError('CONFLICT', `${path} exists and was not written by ai-memory; move it away or pass --config with another path.`);
  return piExtension(agent, options);
}

/** Deletes the extension ai-memory wrote; anything else is left alone. */
export function uninstallPiExtension(text: string): string | null {
  return isAiMemoryPiExtension(text) ? null : text;
}

export const PI_NOTES: Record<PiAgent, string[]> = {
  pi: ['Pi loads the extension when it starts (or on /reload). Pi has no built-in MCP client: agents reach ai-memory through the hooks and the handoff; `ai-memory search` works from its bash tool.'],
  omp: ['Oh My Pi loads the extension when it starts (or on /reload); it runs under Bun and spawns the node binary above for each event. Its MCP client reads ~/.omp/agent/mcp.json: `ai-memory install-mcp --client omp --apply`.'],
};
