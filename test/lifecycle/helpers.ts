import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type MemoryClient } from '../../lib/client/client.js';
import { waitFor } from '../helpers/wait.js';

/** A finished Claude Code session in `project` (cwd /work/<project>): raw events, session page, handoff. */
export async function captureSession(url: string, wikiDir: string, project: string, session: string, prompt: string): Promise<void> {
  const send = async (kind: string, extra: Record<string, unknown> = {}) => {
    const response = await fetch(`${url}/hook?agent=claude-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: session, cwd: `/work/${project}`, hook_event_name: kind, ...extra }),
    });
    assert.equal(response.status, 202);
  };
  await send('SessionStart');
  await send('UserPromptSubmit', { prompt });
  await send('SessionEnd', { reason: 'exit' });
  await waitFor(() => existsSync(join(wikiDir, 'default', project, 'sessions', `${session}.md`)), `the session page of ${session}`);
  // The file lands a moment before the index has it; wait until a search does.
  const client = createClient({ serverUrl: url });
  await waitFor(async () => (await hits(client, prompt, project)).some((h) => h.endsWith(`sessions/${session}.md`)), `the session page of ${session} in search`);
}

/** The same page paths in two projects, so a purge or rename that strays would show. */
export async function twinProjects(client: MemoryClient, a: string, b: string): Promise<void> {
  for (const project of [a, b]) {
    await client.writePage({ project, path: 'decisions/0001-db.md', title: `Database for ${project}`, body: `${project} standardised on Postgres [[notes/setup]]` });
    await client.writePage({ project, path: 'notes/setup.md', title: 'Setup', body: `How ${project} is set up: zebracorn` });
  }
}

export async function hits(client: MemoryClient, q: string, project?: string): Promise<string[]> {
  const result = await client.search({ q, ...(project ? { workspace: 'default', project } : {}) });
  return result.hits.map((h) => `${h.project}/${h.path}`).sort();
}
