import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_ROOT } from './fixtures.js';
import { AGENT_PACKAGES } from './manifest.js';

/**
 * A Claude Code session as the real one recorded it (its fixtures), replayed to a server's /hook
 * with a new session id in the given repository: it leaves a pending handoff for the next agent
 * without running Claude Code. Also asks for the handoff the way a hook's session start does.
 */
const RECORDED = ['SessionStart', 'UserPromptSubmit', 'PostToolUseFailure.Bash', 'PostToolUse.Write', 'Stop', 'SessionEnd'];

export interface SeededSession {
  session: string;
  prompt: string;
  failing: string;
}

export async function replayClaudeSession(serverUrl: string, repo: string, home: string): Promise<SeededSession> {
  const session = randomUUID();
  const dir = join(FIXTURE_ROOT, 'claude-code', AGENT_PACKAGES['claude-code'].version);
  let prompt = '';
  let failing = '';
  for (const name of RECORDED) {
    const text = readFileSync(join(dir, `${name}.json`), 'utf8').replaceAll('<uuid>', session).replaceAll('<repo>', repo).replaceAll('<home>', home).replaceAll('<repo-slug>', repo.replace(/[^A-Za-z0-9]/g, '-'));
    const payload = JSON.parse(text) as { hook_event_name: string; prompt?: string; tool_input?: { command?: string } };
    if (payload.prompt) prompt = payload.prompt;
    if (name.startsWith('PostToolUseFailure')) failing = payload.tool_input?.command ?? '';
    const response = await fetch(`${serverUrl}/hook?${hookParams('claude-code', payload.hook_event_name, repo, session)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    if (response.status !== 202) throw new Error(`/hook answered ${response.status} to ${name}: ${await response.text()}`);
  }
  return { session, prompt, failing };
}

/** Starts a new Claude Code session at /hook and returns the handoff text it is given (empty: none). */
export async function startSessionAndTakeHandoff(serverUrl: string, repo: string): Promise<string> {
  const session = randomUUID();
  const body = JSON.stringify({ session_id: session, cwd: repo, hook_event_name: 'SessionStart', source: 'startup' });
  const params = hookParams('claude-code', 'SessionStart', repo, session);
  const posted = await fetch(`${serverUrl}/hook?${params}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (posted.status !== 202) throw new Error(`/hook answered ${posted.status} to SessionStart`);
  const response = await fetch(`${serverUrl}/handoff?${params}`);
  return response.status === 200 ? response.text() : '';
}

function hookParams(agent: string, event: string, repo: string, session: string): URLSearchParams {
  return new URLSearchParams({ agent, event, workspace: 'default', project: repo.split('/').at(-1)!, cwd: repo, session_id: session });
}
