import { join } from 'node:path';
import { MemoryError } from '../../core/errors.js';
import { hookCommandLine, type HookCommandOptions } from './command-line.js';
import { GROUP_NAME, removeFlat, removeGroup, removeNested, upsertFlat, upsertGroup, upsertNested, type WiredEvent } from './hook-shapes.js';
import { editJson, type JsonObject } from './json-text.js';
import { claudeDir, codexHome, xdgConfig, type Place, type Scope } from './locations.js';
import { isAiMemoryPlugin, opencodePlugin } from './opencode-plugin.js';
import { installPiExtension, PI_EVENTS, PI_NOTES, piExtensionFile, uninstallPiExtension } from './pi-hooks.js';
import { installOpenclawPlugin, OPENCLAW_EVENTS, openclawConfigFile, uninstallOpenclawPlugin } from './openclaw-plugin.js';
import { didYouMean } from '../../core/nearest.js';

/**
 * One entry per agent whose hooks ai-memory can wire: the file, the shape, and every native
 * event the server's normalizer maps to a capture kind (lib/core/capture/events.ts).
 */
export const HOOK_AGENTS = ['claude-code', 'codex', 'gemini-cli', 'cursor', 'opencode', 'antigravity', 'pi', 'omp', 'openclaw'] as const;
export type HookAgent = (typeof HOOK_AGENTS)[number];

/** Agents the reference documents only for MCP; their lifecycle plugins are not wired. */
const HOOKLESS: Record<string, string> = {
  'claude-desktop': 'Claude Desktop has no hooks (its Code tab runs Claude Code: use --agent claude-code)',
};

interface EventSpec {
  event: string;
  /** SessionStart-like events print the handoff, so they get a longer budget. */
  start?: boolean;
}

const CLAUDE_EVENTS: EventSpec[] = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PreCompact', 'PostCompact', 'Stop', 'SubagentStart', 'SubagentStop', 'SessionEnd', 'Notification'].map(spec);
const CODEX_EVENTS: EventSpec[] = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PreCompact', 'PostCompact', 'SubagentStart', 'SubagentStop', 'Stop'].map(spec);
const GEMINI_EVENTS: EventSpec[] = ['SessionStart', 'BeforeAgent', 'BeforeTool', 'AfterTool', 'AfterAgent', 'PreCompress', 'Notification', 'SessionEnd'].map(spec);
// The generic tool events only: the shell/MCP/file-specific ones fire for the same calls and
// would count each tool twice (and `before*` ones expect a permission answer).
const CURSOR_EVENTS: EventSpec[] = ['sessionStart', 'beforeSubmitPrompt', 'preToolUse', 'postToolUse', 'postToolUseFailure', 'preCompact', 'subagentStart', 'subagentStop', 'stop', 'sessionEnd'].map(spec);

function spec(event: string): EventSpec {
  return /^session-?start$/i.test(event) ? { event, start: true } : { event };
}

export interface HookPlan {
  agent: HookAgent;
  path: string;
  /** The new text (null: delete the file), equal to `before` when nothing changes. */
  after: string | null;
  events: string[];
  notes: string[];
}

export function hookAgentOf(name: string): HookAgent {
  if ((HOOK_AGENTS as readonly string[]).includes(name)) return name as HookAgent;
  const aliases: Record<string, HookAgent> = { claude: 'claude-code', gemini: 'gemini-cli', agy: 'antigravity', 'oh-my-pi': 'omp', 'pi-coding-agent': 'pi' };
  if (aliases[name]) return aliases[name];
  if (HOOKLESS[name]) throw new MemoryError('INVALID_INPUT', `${HOOKLESS[name]}. Use \`ai-memory install-mcp --client ${name}\` and \`ai-memory install-instructions\` instead.`);
  throw new MemoryError('INVALID_INPUT', `Unknown agent "${name}"${didYouMean(name, HOOK_AGENTS) || '.'} Use one of: ${HOOK_AGENTS.join(', ')}.`);
}

/** Agents whose hooks live in the user's config only (OpenClaw has one config, no project file). */
export const USER_ONLY_HOOKS: ReadonlySet<HookAgent> = new Set(['openclaw']);

export function hookFile(agent: HookAgent, scope: Scope, place: Place): string {
  const project = place.projectDir;
  if (scope === 'project' && USER_ONLY_HOOKS.has(agent)) throw new MemoryError('INVALID_INPUT', `${agent} has no project-level config for hooks; use --scope user.`);
  switch (agent) {
    case 'claude-code':
      // Not the committed .claude/settings.json: the commands hold this machine's absolute paths.
      return scope === 'user' ? join(claudeDir(place), 'settings.json') : join(project, '.claude', 'settings.local.json');
    case 'codex':
      return scope === 'user' ? join(codexHome(place), 'hooks.json') : join(project, '.codex', 'hooks.json');
    case 'gemini-cli':
      return scope === 'user' ? join(place.homeDir, '.gemini', 'settings.json') : join(project, '.gemini', 'settings.json');
    case 'cursor':
      return scope === 'user' ? join(place.homeDir, '.cursor', 'hooks.json') : join(project, '.cursor', 'hooks.json');
    case 'opencode':
      return scope === 'user' ? join(xdgConfig(place), 'opencode', 'plugins', 'ai-memory.js') : join(project, '.opencode', 'plugins', 'ai-memory.js');
    case 'antigravity':
      return scope === 'user' ? join(place.homeDir, '.gemini', 'config', 'hooks.json') : join(project, '.agents', 'hooks.json');
    case 'pi':
    case 'omp':
      return piExtensionFile(agent, scope, place);
    case 'openclaw':
      return openclawConfigFile(place);
  }
}

export function eventsOf(agent: HookAgent): string[] {
  return specsOf(agent).map((s) => s.event);
}

function specsOf(agent: HookAgent): EventSpec[] {
  switch (agent) {
    case 'claude-code':
      return CLAUDE_EVENTS;
    case 'codex':
      return CODEX_EVENTS;
    case 'gemini-cli':
      return GEMINI_EVENTS;
    case 'cursor':
      return CURSOR_EVENTS;
    case 'opencode':
      return ['SessionStart', 'chat.message', 'tool.execute.before', 'tool.execute.after', 'session.compacting', 'session.compacted', 'session.idle', 'session.deleted'].map(spec);
    case 'antigravity':
      // No PreToolUse: Antigravity denies a tool when that hook answers without a decision.
      return ['PreInvocation', 'PostToolUse', 'Stop'].map(spec);
    case 'pi':
    case 'omp':
      return PI_EVENTS.map(spec);
    case 'openclaw':
      return OPENCLAW_EVENTS.map(spec);
  }
}

/** The edit `install-hooks` makes to `text` (the current file, null when absent). */
export function installHooks(agent: HookAgent, text: string | null, path: string, options: HookCommandOptions): HookPlan {
  const specs = specsOf(agent);
  const command = (event: string) => hookCommandLine(agent, event, options);
  const plan = (after: string | null): HookPlan => ({ agent, path, after, events: specs.map((s) => s.event), notes: notesFor(agent) });
  switch (agent) {
    case 'claude-code':
    case 'codex':
      return plan(editJson(text, path, (doc) => upsertNested(doc, specs.map((s) => ({ event: s.event, handler: { type: 'command', command: command(s.event), timeout: s.start ? 10 : 5 } })))));
    case 'gemini-cli':
      return plan(editJson(text, path, (doc) => upsertNested(doc, specs.map((s) => ({ event: s.event, handler: { type: 'command', name: `ai-memory-${s.event}`, command: command(s.event), timeout: s.start ? 10000 : 5000 } })))));
    case 'cursor':
      return plan(editJson(text, path, (doc) => upsertFlat(doc, specs.map((s): WiredEvent => ({ event: s.event, handler: { command: command(s.event) } })))));
    case 'antigravity':
      return plan(editJson(text, path, (doc) => upsertGroup(doc, antigravityGroup(command))));
    case 'opencode': {
      if (text !== null && !isAiMemoryPlugin(text)) throw new MemoryError('CONFLICT', `${path} exists and was not written by ai-memory; move it away or pass --config with another path.`);
      return plan(opencodePlugin(options));
    }
    case 'pi':
    case 'omp':
      return plan(installPiExtension(agent, text, path, options));
    case 'openclaw':
      return plan(installOpenclawPlugin(text, path, options));
  }
}

/** The edit `uninstall` makes: ai-memory's hooks gone, everything else as it was. */
export function uninstallHooks(agent: HookAgent, text: string | null, path: string): HookPlan {
  const plan = (after: string | null): HookPlan => ({ agent, path, after, events: [], notes: [] });
  if (text === null) return plan(null);
  switch (agent) {
    case 'claude-code':
    case 'codex':
    case 'gemini-cli':
      return plan(editJson(text, path, (doc) => removeNested(doc), { dropWhenEmpty: true }));
    case 'cursor':
      return plan(editJson(text, path, (doc) => removeFlat(doc), { dropWhenEmpty: true }));
    case 'antigravity':
      return plan(editJson(text, path, (doc) => removeGroup(doc), { dropWhenEmpty: true }));
    case 'opencode':
      return plan(isAiMemoryPlugin(text) ? null : text);
    case 'pi':
    case 'omp':
      return plan(uninstallPiExtension(text));
    case 'openclaw':
      return plan(uninstallOpenclawPlugin(text, path));
  }
}

function antigravityGroup(command: (event: string) => string): JsonObject {
  const handler = (event: string) => ({ type: 'command', command: command(event) });
  return {
    PreInvocation: [handler('PreInvocation')],
    PostToolUse: [{ matcher: '*', hooks: [handler('PostToolUse')] }],
    Stop: [handler('Stop')],
  };
}

function notesFor(agent: HookAgent): string[] {
  switch (agent) {
    case 'codex':
      return ['Codex runs a hook only after you trust it: open Codex, type /hooks, review and trust the ai-memory entries (again after any change to them, e.g. a new node path). `codex --dangerously-bypass-hook-trust` skips the check for one run. A project\'s .codex/hooks.json is loaded only when Codex trusts that project.'];
    case 'gemini-cli':
      return ['Gemini CLI fingerprints project hooks: after a change it warns once and asks you to accept the new ai-memory hooks.'];
    case 'cursor':
      return ['Cursor reloads hooks.json on save; project hooks run only in trusted workspaces. Cursor may also run Claude Code hooks from .claude/settings*.json (third-party hooks setting); while these Cursor hooks are installed, the ai-memory Claude Code hooks skip Cursor events, so nothing is captured twice.'];
    case 'opencode':
      return ['Restart OpenCode to load the plugin (OpenCode 1.x plugin API).'];
    case 'antigravity':
      return [`Antigravity reads the "${GROUP_NAME}" hook group; there is no session end event, so sessions close at the next start or after the idle timeout.`];
    case 'claude-code':
      return ['Claude Code picks up edits to settings.json on its own; check them with /hooks.'];
    case 'pi':
    case 'omp':
      return PI_NOTES[agent];
    case 'openclaw':
      return ['OpenClaw loads the ai-memory plugin at its next start (a running Gateway reloads it on its own in the default hybrid reload mode); check with `openclaw plugins inspect ai-memory --runtime`. OpenClaw needs Node 24.16+; the hook command runs with the node that ran this install.'];
  }
}
