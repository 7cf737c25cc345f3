import type { TestServer } from '../helpers/server.js';
import { call, httpClient } from '../mcp/helpers.js';

export const demo = { workspace: 'default', project: 'demo' };
export const other = { workspace: 'default', project: 'other' };

/** A project as agents leave it: a rule, a pinned decision, a note, sessions and an open handoff. */
export async function seedDemo(server: TestServer): Promise<{ handoffId: string }> {
  const write = server.client.writePage;
  await write({ ...demo, path: 'rules/tests-first.md', body: '# Run the tests first\n\nAlways run `npm test` before pushing.\n', kind: 'rule' });
  await write({ ...demo, path: 'decisions/0001-postgres.md', body: '# Standardised on Postgres\n\nWe chose Postgres 16 because of JSONB.\n', pinned: true });
  await write({ ...demo, path: 'notes/scratch.md', body: '# Scratch\n\nLoose thoughts about caching.\n' });
  await write({ ...demo, path: 'sessions/2026-11-28-login.md', body: '# Session: fixed the login bug\n\nThe cookie was not sent.\n', kind: 'session' });
  await write({ ...demo, path: 'sessions/2026-11-29-search.md', body: '# Session: tuned search ranking\n\nBoosted titles.\n', kind: 'session' });
  await write({ ...other, path: 'rules/no-friday-deploys.md', body: '# No deploys on Friday\n\nZookeeper quorum gets flaky.\n', kind: 'rule' });
  const mcp = await httpClient(server.url);
  try {
    const handoff = await call<{ handoff_id: string }>(mcp, 'memory_handoff_begin', {
      ...demo,
      summary: 'Halfway through the migration to Postgres 16',
      next_steps: ['Run the migration on staging'],
      open_questions: ['Keep the old column?'],
      files_touched: ['db/migrations/0007-users-v2.sql'],
      unfixed_failures: ['`npm run migrate:staging` (exit 1) failed: relation "users_v2" does not exist'],
      decisions: ['We chose pg_dump over logical replication for the cut-over.'],
    });
    return { handoffId: handoff.handoff_id };
  } finally {
    await mcp.close();
  }
}
