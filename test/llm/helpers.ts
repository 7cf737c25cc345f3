import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from '../../lib/config/config.js';
import type { LlmProviderName } from '../../lib/config/llm-config.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

export function llmProviders(baseUrl: string, provider: LlmProviderName = 'anthropic', extra: Partial<NonNullable<ServerConfig['providers']>> = {}): Partial<ServerConfig> {
  return { providers: { consolidateOnSessionEnd: false, llm: { provider, model: 'fake-model', baseUrl, apiKey: 'sk-fake', timeoutMs: 5000 }, ...extra } };
}

export async function hook(server: TestServer, project: string, session: string, kind: string, extra: Record<string, unknown> = {}): Promise<void> {
  const response = await fetch(`${server.url}/hook?agent=claude-code&workspace=default&project=${project}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session_id: session, cwd: `/work/${project}`, hook_event_name: kind, ...extra }),
  });
  if (response.status !== 202) throw new Error(`hook answered ${response.status}`);
}

/** A session with a prompt (carrying whatever text is given), an edit, and an end. */
export async function endedSession(server: TestServer, project: string, session: string, prompt: string): Promise<string> {
  await hook(server, project, session, 'SessionStart');
  await hook(server, project, session, 'UserPromptSubmit', { prompt });
  await hook(server, project, session, 'PostToolUse', { tool_name: 'Edit', tool_input: { file_path: '/work/app/src/db.ts' }, tool_response: { success: true } });
  await hook(server, project, session, 'SessionEnd', { reason: 'exit' });
  const page = join(server.wikiDir, 'default', project, 'sessions', `${session}.md`);
  await waitFor(() => existsSync(page), `the session page ${session}`);
  await server.running.services.sessions.drain();
  return page;
}
