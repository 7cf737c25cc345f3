import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestServer } from './server.js';
import { waitFor } from './wait.js';

/**
 * A small but real wiki for the web UI and browsing API tests: two projects with folders,
 * wikilinks (one cross-project), a page edited three times, a supersession, a hostile page, a
 * captured session (prompts and tool calls through /hook) and the handoff it leaves.
 */
export const WEB_PAGES = {
  db: 'decisions/0001-database.md',
  db2: 'decisions/0002-postgres-16.md',
  cache: 'notes/cache.md',
  rule: 'rules/testing.md',
  hostile: 'notes/hostile.md',
};

export const HOSTILE_BODY = [
  '# Hostile page',
  '',
  'Plain text survives.',
  '',
  '<script>window.__pwned = "script"; alert("script")</script>',
  '',
  '[click me](javascript:window.__pwned="link";alert("link"))',
  '',
  '<img src="x" onerror="window.__pwned=\'img\';alert(\'img\')">',
  '',
  '<div onclick="alert(1)" style="position:fixed;inset:0">raw html block</div>',
  '',
  '<a href="javascript:alert(2)">raw link</a> <iframe src="javascript:alert(3)"></iframe>',
  '',
  '![img](javascript:alert(4))',
].join('\n');

export async function seedWebWiki(server: TestServer): Promise<void> {
  const { client } = server;
  const demo = { project: 'demo' };
  await client.writePage({ ...demo, path: WEB_PAGES.db, title: 'Use SQLite for the prototype', kind: 'decision', body: 'We start with SQLite.\n\nSee [[cache]] for the cache.' });
  await client.writePage({
    ...demo,
    path: WEB_PAGES.db,
    title: 'Use SQLite for the prototype',
    kind: 'decision',
    body: 'We start with SQLite because it needs no server.\n\nSee [[cache]] for the cache.\n\nRevisit at 1k users.',
  });
  await client.writePage({
    ...demo,
    path: WEB_PAGES.cache,
    title: 'Cache layer',
    tags: ['redis', 'perf'],
    body: '# Cache layer\n\nRedis in front of the database, see [[0001-database|the database decision]].\n\n```ts\n// connect once\nconst client = createClient({ url: "redis://localhost" });\n```\n\nAlso [[other-app:shared-glossary]] and [[no-such-page]].\n\n| key | ttl |\n|---|---|\n| user | 60 |',
  });
  await client.writePage({
    ...demo,
    path: WEB_PAGES.db2,
    title: 'Move to Postgres 16',
    kind: 'decision',
    supersedes: [WEB_PAGES.db],
    body: 'SQLite did not scale past 1k users; we moved to Postgres 16.\n\nRelated: [[cache]].',
  });
  await client.writePage({ ...demo, path: WEB_PAGES.rule, title: 'Always run the tests', kind: 'rule', pinned: true, body: 'Run `npm test` before every commit.' });
  await client.writePage({ ...demo, path: WEB_PAGES.hostile, title: 'Hostile page', body: HOSTILE_BODY });
  await client.writePage({ ...demo, path: WEB_PAGES.db, title: 'Use SQLite for the prototype', kind: 'decision', body: 'We start with SQLite because it needs no server.\n\nSee [[cache]] for the cache.\n\nRevisit at 1k users. (Done: see the Postgres decision.)' });
  await client.writePage({ project: 'Other App', path: 'notes/shared-glossary.md', title: 'Shared glossary', body: '# Shared glossary\n\n- **TTL**: time to live.' });
  await captureSession(server);
}

async function captureSession(server: TestServer): Promise<void> {
  const post = (body: Record<string, unknown>) =>
    fetch(`${server.url}/hook?agent=claude-code&workspace=default&project=demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: 'web-session-1', cwd: '/work/demo', ...body }),
    });
  const events: Array<Record<string, unknown>> = [
    { hook_event_name: 'SessionStart', source: 'startup' },
    { hook_event_name: 'UserPromptSubmit', prompt: 'Add a Redis cache in front of the user lookups in `getUser`' },
    { hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: '/work/demo/src/users.ts' } },
    { hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: '/work/demo/src/users.ts' }, tool_response: 'edited' },
    { hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'npm test' }, tool_response: '42 passing' },
    { hook_event_name: 'SessionEnd', reason: 'exit' },
  ];
  for (const event of events) {
    const response = await post(event);
    if (response.status !== 202) throw new Error(`hook answered ${response.status}: ${await response.text()}`);
  }
  await waitFor(() => existsSync(join(server.wikiDir, 'default/demo/handoffs')), 'the session handoff');
  // The file appears before its indexing and commit finish, and its history answers as soon as
  // the file exists; a commit in that history means both have (the index is updated first).
  const sessionPage = `${server.url}/api/v1/workspaces/default/projects/demo/history/sessions/web-session-1.md`;
  await waitFor(async () => {
    const response = await fetch(sessionPage);
    return response.ok && ((await response.json()) as { commits: unknown[] }).commits.length > 0;
  }, 'the session page to be indexed and committed');
}
