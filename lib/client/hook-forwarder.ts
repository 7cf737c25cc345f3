import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalAgent, canonicalEvent } from '../core/capture/events.js';
import { hookOutput } from '../core/capture/hook-output.js';
import type { ClientConfig } from '../config/client-config.js';
import { httpRequest } from './http-lite.js';
import { resolveProject } from './resolve-project.js';

/**
 * The agent side of capture, run by `ai-memory hook` for every hook an agent fires. It must
 * never slow or break the agent: it reads the payload, resolves the project where the agent
 * runs (so a remote server works), forwards the payload unchanged, prints what the agent
 * expects, and finishes without throwing, whatever the server or the payload do.
 */
export interface HookInvocation {
  agent: string;
  event: string;
  stdin: string;
  cwd: string;
  homeDir: string;
  projectStrategy?: 'basename' | 'repo-root' | undefined;
  config: ClientConfig;
  /** Capture POST budget; the session-start handoff fetch gets `handoffTimeoutMs`. */
  timeoutMs?: number;
  handoffTimeoutMs?: number;
}

export interface HookOutcome {
  stdout: string;
  /** One line for the agent's debug log when something went wrong. */
  warning?: string;
}

type Json = Record<string, unknown>;

export async function forwardHook(invocation: HookInvocation): Promise<HookOutcome> {
  const agent = canonicalAgent(invocation.agent) ?? 'other';
  let payload: Json | null = null;
  try {
    const parsed = JSON.parse(invocation.stdin) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) payload = parsed as Json;
  } catch {
    // Not JSON: nothing to capture, but the agent still gets its well-formed answer.
  }
  const native = typeof payload?.hook_event_name === 'string' ? payload.hook_event_name : invocation.event;
  const startsSession = isSessionStart(agent, native, payload);
  if (!payload) return { stdout: hookOutput(agent, startsSession ? 'session-start' : 'other', null), warning: 'ai-memory: hook payload is not a JSON object; nothing captured' };
  if (agent !== 'cursor' && 'cursor_version' in payload && cursorHooksInstalled(invocation.homeDir, cwdOf(payload) ?? invocation.cwd)) {
    // Cursor also runs Claude Code's hooks (its third-party hooks setting) with its own payload.
    // When ai-memory's Cursor hooks are installed they see the same event: this one is the copy.
    return { stdout: hookOutput(agent, startsSession ? 'session-start' : 'other', null) };
  }

  const cwd = cwdOf(payload) ?? invocation.cwd;
  const project = resolveProject(cwd, { homeDir: invocation.homeDir, ...(invocation.projectStrategy ? { strategy: invocation.projectStrategy } : {}) });
  const session = sessionOf(payload);
  const params = new URLSearchParams({ agent, event: native, workspace: project.workspace, project: project.project, cwd });
  if (session) params.set('session_id', session);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (invocation.config.authToken) headers.authorization = `Bearer ${invocation.config.authToken}`;

  let warning: string | undefined;
  try {
    const response = await httpRequest('POST', `${invocation.config.serverUrl}/hook?${params}`, {
      headers,
      body: invocation.stdin,
      timeoutMs: invocation.timeoutMs ?? 1500,
    });
    if (response.status !== 202) warning = `ai-memory: the server answered ${response.status} to this event`;
  } catch (error) {
    warning = `ai-memory: could not reach ${invocation.config.serverUrl} (${(error as Error).message}); event not captured`;
  }
  if (!startsSession) return { stdout: hookOutput(agent, 'other', null), ...(warning ? { warning } : {}) };

  let handoff: string | null = null;
  try {
    const response = await httpRequest('GET', `${invocation.config.serverUrl}/handoff?${params}`, {
      headers,
      timeoutMs: invocation.handoffTimeoutMs ?? 3000,
    });
    const text = response.status === 200 ? response.body : '';
    handoff = text.trim() === '' ? null : text;
  } catch (error) {
    warning ??= `ai-memory: could not fetch the pending handoff (${(error as Error).message})`;
  }
  return { stdout: hookOutput(agent, 'session-start', handoff), ...(warning ? { warning } : {}) };
}

/** Antigravity has no SessionStart: the first invocation of a conversation plays that part. */
function isSessionStart(agent: string, native: string, payload: Json | null): boolean {
  if (agent === 'antigravity' && /preinvocation/i.test(native)) return payload?.invocationNum === 0;
  return canonicalEvent(native) === 'session-start';
}

const CURSOR_HOOK = /hook --agent cursor\s|\/hooks\/cursor\/ai-memory-hook\.sh/;

/**
 * Whether ai-memory's own Cursor hooks are in the user's or the workspace's hooks.json (the
 * files of installers/hook-agents.ts `hookFile`, not imported: it would pull the installers into
 * the hook bundle, which starts on every tool call).
 */
function cursorHooksInstalled(homeDir: string, workspace: string): boolean {
  return [join(homeDir, '.cursor', 'hooks.json'), join(workspace, '.cursor', 'hooks.json')].some((file) => {
    try {
      return CURSOR_HOOK.test(readFileSync(file, 'utf8'));
    } catch {
      return false;
    }
  });
}

function cwdOf(payload: Json): string | undefined {
  for (const key of ['cwd', 'current_dir', 'working_dir', 'directory']) {
    const value = payload[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  for (const key of ['workspace_roots', 'workspacePaths']) {
    const list = payload[key];
    if (Array.isArray(list) && typeof list[0] === 'string' && list[0] !== '') return list[0];
  }
  return undefined;
}

function sessionOf(payload: Json): string | undefined {
  for (const key of ['session_id', 'sessionId', 'sessionID', 'conversation_id', 'conversationId']) {
    const value = payload[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
