/**
 * Agent sessions of the "ledgerline" project, as compact scripts: what the person asked and
 * the tool calls that followed. bench/recall/wiki.ts turns each into hook events and writes the
 * page through the product's own digest and renderer, so the pages read exactly like captured ones.
 */
export interface ToolStep {
  tool: string;
  input: string;
  files?: string[];
  /** Output of a failed call. */
  failed?: string;
}

export interface SessionScript {
  key: string;
  start: string;
  agent: 'claude-code' | 'codex' | 'gemini-cli';
  turns: Array<{ prompt: string; steps: ToolStep[] }>;
  /** The session ended with a handoff in this state. */
  handoff?: 'open' | 'accepted' | 'expired';
}

const bash = (input: string, failed?: string): ToolStep => (failed ? { tool: 'Bash', input, failed } : { tool: 'Bash', input });
const edit = (file: string): ToolStep => ({ tool: 'Edit', input: file, files: [file] });
const read = (file: string): ToolStep => ({ tool: 'Read', input: file, files: [file] });

export const SESSIONS: SessionScript[] = [
  { key: 'scaffold', start: '2026-05-05T09:12:00Z', agent: 'claude-code', turns: [
    { prompt: 'Set up a pnpm workspace with apps/api (Fastify), apps/worker and packages/ledger, TypeScript strict', steps: [edit('pnpm-workspace.yaml'), edit('apps/api/src/server.ts'), edit('packages/ledger/package.json'), bash('pnpm install')] },
    { prompt: 'Add jest with ts-jest and one smoke test for GET /health', steps: [edit('jest.config.ts'), edit('apps/api/test/health.test.ts'), bash('pnpm jest')] },
  ] },
  { key: 'ledger-schema', start: '2026-05-13T14:03:00Z', agent: 'claude-code', turns: [
    { prompt: 'Design the ledger_entries table for double-entry postings, amounts as bigint minor units', steps: [edit('packages/ledger/prisma/schema.prisma'), bash('pnpm prisma migrate dev --name ledger')] },
    { prompt: 'Make it impossible for the app to update or delete ledger rows', steps: [edit('packages/ledger/prisma/migrations/0002_grants/migration.sql'), bash('pnpm prisma migrate dev')] },
  ] },
  { key: 'docker-date-fns', start: '2026-05-27T10:40:00Z', agent: 'codex', turns: [
    { prompt: 'The worker image crashes on start in staging, works locally. Find out why', steps: [bash('docker run ledgerline-worker', "Error: Cannot find module 'date-fns'\nRequire stack: /app/apps/worker/dist/statements.js"), read('apps/worker/package.json'), edit('apps/worker/package.json'), bash('pnpm deploy --filter worker /tmp/out && docker build .')] },
  ] },
  { key: 'jest-hang', start: '2026-06-02T08:20:00Z', agent: 'claude-code', turns: [
    { prompt: 'CI times out after the tests pass, jest never exits', steps: [bash('pnpm jest --detectOpenHandles', 'Jest did not exit one second after the test run has completed.'), edit('apps/api/test/setup.ts'), bash('pnpm jest')] },
  ] },
  { key: 'stripe-signature', start: '2026-06-09T13:30:00Z', agent: 'claude-code', turns: [
    { prompt: 'Stripe webhooks all fail with a signature error in staging', steps: [bash('stripe trigger payment_intent.succeeded'), bash('curl -s localhost:3000/webhooks/stripe', 'StripeSignatureVerificationError: No signatures found matching the expected signature for payload'), edit('apps/api/src/webhooks/stripe.ts'), bash('pnpm add fastify-raw-body --filter api')] },
    { prompt: 'Add a test that posts a signed payload', steps: [edit('apps/api/test/webhooks/stripe.test.ts'), bash('pnpm jest webhooks')] },
  ] },
  { key: 'pino-switch', start: '2026-06-11T09:00:00Z', agent: 'gemini-cli', turns: [
    { prompt: 'Replace winston with pino everywhere and redact iban, accountNumber and email', steps: [edit('packages/log/index.ts'), edit('apps/worker/src/main.ts'), bash('pnpm remove winston -r'), bash('pnpm jest')] },
  ] },
  { key: 'emoji-memo', start: '2026-06-12T16:45:00Z', agent: 'claude-code', turns: [
    { prompt: 'Imports fail for a tenant whose memos contain emoji', steps: [bash('pnpm --filter worker import:statement fixtures/emoji.camt', "Incorrect string value: '\\xF0\\x9F\\x92\\xB8' for column 'memo' at row 1"), edit('packages/ledger/prisma/migrations/0007_utf8mb4/migration.sql'), bash('pnpm prisma migrate deploy')] },
  ] },
  { key: 'duplicate-entries', start: '2026-06-16T11:10:00Z', agent: 'claude-code', handoff: 'accepted', turns: [
    { prompt: 'Tenant acme sees duplicate ledger entries for the same Stripe charge', steps: [bash("psql -c \"select stripe_event_id, count(*) from webhook_events group by 1 having count(*) > 1\""), read('apps/api/src/webhooks/stripe.ts')] },
    { prompt: 'Store the event id with a unique index before doing the work and move the work into a job', steps: [edit('packages/ledger/prisma/schema.prisma'), edit('apps/api/src/webhooks/stripe.ts'), edit('apps/worker/src/jobs/stripe-event.ts'), bash('pnpm jest')] },
  ] },
  { key: 'recon-scheduler', start: '2026-06-24T15:00:00Z', agent: 'codex', turns: [
    { prompt: 'Schedule the nightly reconciliation at 02:00 UTC per tenant for the previous day', steps: [edit('apps/worker/src/schedules.ts'), edit('packages/matching/src/run.ts'), bash('pnpm jest matching')] },
  ] },
  { key: 'redis-oom', start: '2026-06-30T07:55:00Z', agent: 'claude-code', turns: [
    { prompt: 'Month-end import is failing, the queue says out of memory', steps: [bash('redis-cli info memory'), bash('pnpm --filter worker import:month', "ReplyError: OOM command not allowed when used memory > 'maxmemory'."), edit('apps/worker/src/queues.ts')] },
  ] },
  { key: 'vitest-migration', start: '2026-07-02T10:00:00Z', agent: 'claude-code', handoff: 'accepted', turns: [
    { prompt: 'Migrate the test suite from jest to vitest', steps: [edit('vitest.config.ts'), bash('pnpm remove jest ts-jest -r'), bash('pnpm vitest run', "ReferenceError: Cannot access '__vi_import_0__' before initialization"), edit('apps/api/test/webhooks/stripe.test.ts'), bash('pnpm vitest run')] },
  ] },
  { key: 'outbox', start: '2026-07-09T13:20:00Z', agent: 'claude-code', turns: [
    { prompt: 'Events get lost when the API restarts between commit and publish. Implement an outbox', steps: [edit('packages/ledger/src/outbox.ts'), edit('apps/worker/src/jobs/drain-outbox.ts'), bash('pnpm vitest run outbox')] },
  ] },
  { key: 'bullmq-lock', start: '2026-07-15T09:30:00Z', agent: 'codex', turns: [
    { prompt: 'Large CAMT imports run twice, the worker logs a missing lock error', steps: [bash('fly logs -a ledgerline-worker', 'Error: Missing lock for job 4812. moveToFinished'), edit('apps/worker/src/jobs/import-statement.ts'), bash('pnpm vitest run import')] },
  ] },
  { key: 'export-oom', start: '2026-07-20T17:05:00Z', agent: 'claude-code', handoff: 'accepted', turns: [
    { prompt: 'Ledger export returns 502 for the big tenant, fly logs show the machine was killed', steps: [bash('fly logs -a ledgerline-api', 'Out of memory: Killed process 512 (node) total-vm:1102340kB'), bash('fly scale memory 1024 -a ledgerline-worker')] },
    { prompt: 'Rewrite the export to stream from a cursor with csv-stringify', steps: [edit('apps/api/src/routes/export.ts'), bash('pnpm vitest run export')] },
  ] },
  { key: 'plaid-relogin', start: '2026-07-28T12:00:00Z', agent: 'gemini-cli', turns: [
    { prompt: 'Bank feed for tenant northwind stopped syncing three days ago', steps: [bash('pnpm --filter worker plaid:sync --tenant northwind', 'PlaidError: ITEM_LOGIN_REQUIRED the login details of this item have changed'), edit('apps/worker/src/plaid/sync.ts'), edit('apps/dashboard/src/connections/ReauthBanner.tsx')] },
  ] },
  { key: 'pg-cutover', start: '2026-08-15T06:00:00Z', agent: 'claude-code', handoff: 'accepted', turns: [
    { prompt: 'Run the MySQL to Postgres cut-over: pgloader the ledger tables, verify row counts and sums', steps: [bash('pgloader mysql://ledger@old/ledger postgresql://ledger@new/ledger'), bash("psql -c 'select count(*), sum(amount) from ledger_entries'"), edit('scripts/verify-cutover.ts'), bash('pnpm tsx scripts/verify-cutover.ts')] },
    { prompt: 'Switch DATABASE_URL in Doppler and restart api and worker', steps: [bash('doppler secrets set DATABASE_URL=postgres://...'), bash('fly deploy -a ledgerline-api')] },
  ] },
  { key: 'int8-strings', start: '2026-08-18T10:15:00Z', agent: 'claude-code', turns: [
    { prompt: 'Dashboard totals crash after the migration: amount.toFixed is not a function', steps: [read('apps/dashboard/src/totals.ts'), edit('packages/db/src/client.ts'), bash('pnpm vitest run totals')] },
  ] },
  { key: 'drizzle-port', start: '2026-08-20T09:00:00Z', agent: 'claude-code', handoff: 'accepted', turns: [
    { prompt: 'Port the schema from Prisma to Drizzle, keep the table names', steps: [edit('packages/db/src/schema.ts'), bash('pnpm drizzle-kit generate'), bash('pnpm remove prisma @prisma/client -r')] },
    { prompt: 'Replace the matcher queries with drizzle and SKIP LOCKED', steps: [edit('packages/matching/src/claim.ts'), bash('pnpm vitest run matching')] },
  ] },
  { key: 'too-many-clients', start: '2026-08-21T18:30:00Z', agent: 'codex', turns: [
    { prompt: 'Deploy broke the API: FATAL sorry too many clients already', steps: [bash("psql -c 'select count(*) from pg_stat_activity'"), edit('packages/db/src/client.ts'), edit('fly.toml')] },
  ] },
  { key: 'staging-column-lost', start: '2026-08-26T08:40:00Z', agent: 'claude-code', turns: [
    { prompt: 'booked_at is gone from statement_lines on staging, what happened', steps: [bash('git log -p packages/db/src/schema.ts'), bash('pnpm drizzle-kit push', 'Warning: You are about to execute current statements: ALTER TABLE "statement_lines" DROP COLUMN "booked_at";'), bash('pnpm tsx scripts/restore-booked-at.ts')] },
  ] },
  { key: 'unleash-setup', start: '2026-09-11T14:10:00Z', agent: 'gemini-cli', turns: [
    { prompt: 'Wire the Unleash SDK into api and worker, all flags read as false', steps: [edit('packages/flags/src/client.ts'), bash('pnpm --filter api dev', '[unleash] 401 Unauthorized: Invalid token type'), bash('doppler secrets set UNLEASH_CLIENT_TOKEN=*:production.xxx')] },
  ] },
  { key: 'fx-weekend', start: '2026-09-14T09:05:00Z', agent: 'claude-code', turns: [
    { prompt: 'Reconciliation failed for card payments booked on Sunday: No rate for EUR on 2026-09-13', steps: [read('packages/fx/src/rates.ts'), edit('packages/fx/src/rates.ts'), bash('pnpm vitest run fx')] },
  ] },
  { key: 'pgboss-port', start: '2026-09-23T10:30:00Z', agent: 'claude-code', handoff: 'accepted', turns: [
    { prompt: 'Move the jobs from BullMQ to pg-boss, same names and retry settings', steps: [edit('apps/worker/src/queues.ts'), edit('apps/worker/src/main.ts'), bash('pnpm --filter worker dev', 'error: permission denied for schema pgboss'), edit('packages/db/migrations/0031_pgboss_grants.sql'), bash('pnpm --filter worker dev')] },
  ] },
  { key: 'v2-release', start: '2026-10-01T08:00:00Z', agent: 'codex', turns: [
    { prompt: 'Release API v2: cursor pagination, amounts in minor units, Sunset header on v1 list endpoints', steps: [edit('apps/api/src/routes/v2/ledger.ts'), edit('apps/api/src/plugins/sunset.ts'), bash('pnpm changeset version'), bash('git tag v2.0.0')] },
  ] },
  { key: 'render-move', start: '2026-10-15T13:00:00Z', agent: 'claude-code', handoff: 'accepted', turns: [
    { prompt: 'Set up render.yaml for api and worker and deploy the first time', steps: [edit('render.yaml'), bash('render deploys create api', 'No open ports detected, continuing to scan...'), edit('apps/api/src/server.ts'), bash('render deploys create api')] },
  ] },
  { key: 'dst-bug', start: '2026-10-26T07:30:00Z', agent: 'claude-code', turns: [
    { prompt: 'Berlin tenants have unmatched lines from Saturday night, one hour of transactions missing', steps: [read('packages/matching/src/window.ts'), edit('packages/matching/src/window.ts'), bash('pnpm vitest run window')] },
  ] },
  { key: 'lucia-upgrade', start: '2026-11-12T15:20:00Z', agent: 'gemini-cli', handoff: 'expired', turns: [
    { prompt: 'After the lucia bump every request 500s', steps: [bash('pnpm --filter api dev', 'TypeError: adapter.getSessionAndUser is not a function'), read('node_modules/@lucia-auth/adapter-postgresql/package.json')] },
  ] },
  { key: 'better-auth-port', start: '2026-11-24T09:45:00Z', agent: 'claude-code', handoff: 'open', turns: [
    { prompt: 'Replace Lucia with Better Auth, keep sessions in our Postgres, add the organization plugin', steps: [edit('apps/api/src/auth.ts'), edit('packages/db/src/schema/auth.ts'), bash('pnpm drizzle-kit generate'), bash('pnpm vitest run auth', 'AssertionError: expected 302 to be 200')] },
    { prompt: 'SSO per organisation: configure SAML for the bank tenant in staging', steps: [edit('apps/api/src/auth.ts')] },
  ] },
  { key: 'sentry-quota', start: '2026-11-26T11:00:00Z', agent: 'codex', turns: [
    { prompt: 'Sentry quota ran out mid month, sample transactions at 10% and drop health checks', steps: [edit('apps/api/src/sentry.ts'), edit('apps/worker/src/sentry.ts'), bash('pnpm vitest run')] },
  ] },
];
