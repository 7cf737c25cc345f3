import type { PageSpec } from './spec.js';

/**
 * Decisions of the fictional "ledgerline" project (a payments reconciliation service), written
 * by hand the way agents and people record them: why, what was rejected, what it replaced.
 */
export const DECISIONS: PageSpec[] = [
  {
    path: 'decisions/mysql-primary-store.md', title: 'MySQL as the primary store', created: '2026-05-04', tags: ['database'],
    body: `We start on MySQL 8 because the hosting credit we have covers a managed MySQL instance and the team knows it.
Rejected for now: Postgres (no managed credit yet). Revisit when the ledger needs row-level locking on statement imports.`,
  },
  {
    path: 'decisions/postgres-migration.md', title: 'Move the ledger from MySQL to Postgres 16', created: '2026-08-12', supersedes: ['decisions/mysql-primary-store'], tags: ['database', 'migration'],
    body: `We migrate every table to Postgres 16 (cut-over weekend of 15 August 2026).
Why: \`SELECT ... FOR UPDATE SKIP LOCKED\` for the matching workers, \`timestamptz\`, partial indexes for open statement lines, and [[gotchas/mysql-utf8mb4-emoji|the emoji memo failures]] kept coming back.
The cut-over runbook is [[procedures/run-database-migration]]. Replaces [[decisions/mysql-primary-store]].`,
  },
  {
    path: 'decisions/use-prisma-orm.md', title: 'Prisma as the ORM', created: '2026-05-06', tags: ['database', 'orm'],
    body: `Prisma for schema, migrations and typed queries. Generated client gives us types for free.
Downside accepted: the query engine binary makes the Docker image heavier.`,
  },
  {
    path: 'decisions/drizzle-over-prisma.md', title: 'Drizzle ORM replaces Prisma', created: '2026-08-19', supersedes: ['decisions/use-prisma-orm'], tags: ['database', 'orm'],
    body: `After the Postgres move we switch to Drizzle ORM.
Why: Prisma's engine binary added 40 MB to the image and cold starts of 1.8 s; Prisma could not express \`SKIP LOCKED\` without raw SQL; Drizzle schemas are plain TypeScript and migrations are SQL files we review.
Caveat: never use \`drizzle-kit push\` outside a scratch database, see [[gotchas/drizzle-kit-push-drops-column]].`,
  },
  {
    path: 'decisions/bullmq-for-jobs.md', title: 'BullMQ on Redis for background jobs', created: '2026-05-12', tags: ['jobs', 'redis'],
    body: `Statement imports, webhook fan-out and nightly reconciliation run as BullMQ jobs on a Redis 7 instance.
Why: mature retries and backoff, a dashboard (bull-board), and we already run Redis for rate limiting.`,
  },
  {
    path: 'decisions/pg-boss-replaces-bullmq.md', title: 'pg-boss replaces BullMQ', created: '2026-09-22', supersedes: ['decisions/bullmq-for-jobs'], tags: ['jobs', 'database'],
    body: `Background jobs move from BullMQ/Redis to pg-boss inside Postgres.
Why: a job and the ledger rows it writes now commit in one transaction (no more lost jobs after a Redis failover), one less service to run, and [[gotchas/bullmq-missing-lock|the missing lock errors]] on long imports disappear.
Redis stays only for rate limiting. Setup notes: [[gotchas/pg-boss-schema-permission]].`,
  },
  {
    path: 'decisions/deploy-on-fly.md', title: 'Deploy on Fly.io', created: '2026-05-08', tags: ['deploy', 'hosting'],
    body: `API and workers run as Fly.io machines in the fra region, Postgres next to them.
Why: cheap small machines, deploy with \`fly deploy\` from CI.`,
  },
  {
    path: 'decisions/move-to-render.md', title: 'Move hosting from Fly.io to Render', created: '2026-10-14', supersedes: ['decisions/deploy-on-fly'], tags: ['deploy', 'hosting'],
    body: `We move the API, the workers and the database to Render (Frankfurt).
Why: [[gotchas/fly-machine-oom|out-of-memory kills]] on small machines during exports, flaky volume snapshots, and Render's managed Postgres gives point-in-time recovery.
How we deploy now: [[procedures/deploy-to-render]].`,
  },
  {
    path: 'decisions/jest-test-runner.md', title: 'Jest as the test runner', created: '2026-05-05', tags: ['testing'],
    body: `Jest with ts-jest for unit and integration tests. Everyone knows it.`,
  },
  {
    path: 'decisions/vitest-over-jest.md', title: 'Vitest replaces Jest', created: '2026-07-02', supersedes: ['decisions/jest-test-runner'], tags: ['testing'],
    body: `We switch the test runner to Vitest.
Why: native ESM without ts-jest transforms, test suite down from 94 s to 31 s, and no more [[gotchas/jest-open-handles|"did not exit" hangs]] in CI.
Mocks are hoisted differently, see [[gotchas/vitest-esm-mock-hoisting]].`,
  },
  {
    path: 'decisions/winston-logging.md', title: 'winston for logging', created: '2026-05-07', tags: ['observability', 'logging'],
    body: `Application logs through winston with a JSON transport to stdout.`,
  },
  {
    path: 'decisions/pino-structured-logs.md', title: 'pino for structured logs', created: '2026-06-11', supersedes: ['decisions/winston-logging'], tags: ['observability', 'logging'],
    body: `Logging moves to pino (Fastify's own logger).
Why: one logger for requests and jobs, five times less CPU per line than winston in our load test, and redaction paths so account numbers never reach the logs ([[rules/log-no-pii]]).`,
  },
  {
    path: 'decisions/launchdarkly-flags.md', title: 'LaunchDarkly for feature flags', created: '2026-06-03', tags: ['feature-flags'],
    body: `Feature flags through LaunchDarkly's Node server SDK; the trial covers us until September.`,
  },
  {
    path: 'decisions/unleash-self-hosted.md', title: 'Self-hosted Unleash replaces LaunchDarkly', created: '2026-09-09', supersedes: ['decisions/launchdarkly-flags'], tags: ['feature-flags'],
    body: `Feature flags move to a self-hosted Unleash instance.
Why: LaunchDarkly's price after the trial (per seat and per monthly active user) was more than our hosting bill; we only need boolean flags and gradual rollout.
Client SDK tokens differ from admin tokens: [[gotchas/unleash-token-type]]. How to add one: [[procedures/add-feature-flag]].`,
  },
  {
    path: 'decisions/clerk-auth.md', title: 'Clerk for authentication', created: '2026-05-20', tags: ['auth'],
    body: `Sign-in for the dashboard through Clerk (hosted pages, MFA included).`,
  },
  {
    path: 'decisions/lucia-sessions.md', title: 'Own session auth with Lucia', created: '2026-10-28', supersedes: ['decisions/clerk-auth'], tags: ['auth'],
    body: `We replace Clerk with our own session cookies built on Lucia v3 and the Postgres adapter.
Why: Clerk's user data lives outside the EU, which a bank customer's security review rejected; we need SSO per tenant later anyway.`,
  },
  {
    path: 'decisions/better-auth.md', title: 'Better Auth replaces Lucia', created: '2026-11-18', supersedes: ['decisions/lucia-sessions'], tags: ['auth'],
    body: `Authentication moves to Better Auth.
Why: Lucia is deprecated as a library (its author turned it into a learning resource), the v3 adapter broke on upgrade ([[gotchas/lucia-deprecated-adapter]]), and Better Auth ships SAML/OIDC SSO per organisation, which the bank customer needs.
Sessions stay in our Postgres, in the EU.`,
  },
  {
    path: 'decisions/integer-cents-money.md', title: 'Money as integer minor units', created: '2026-05-06', tags: ['money', 'database'],
    body: `Every amount is a \`bigint\` of minor units (cents, pence) plus an ISO 4217 currency code.
Why: floating point cannot represent 0.10 exactly, and a reconciliation that is off by one cent is a failed reconciliation. Decimal libraries in JS were slow in the matcher.
Enforced by [[rules/money-in-integer-cents]].`,
  },
  {
    path: 'decisions/idempotency-keys-on-webhooks.md', title: 'Idempotency keys on every webhook', created: '2026-06-17', tags: ['webhooks', 'stripe', 'plaid'],
    body: `Every incoming webhook is stored with its provider event id as an idempotency key (unique index) before any work happens.
Why: Stripe and Plaid both deliver at least once; [[gotchas/stripe-webhook-timeout|slow handlers get retried]] and produced duplicate ledger entries in June.
See [[concepts/idempotency-key]].`,
  },
  {
    path: 'decisions/pnpm-workspaces-monorepo.md', title: 'pnpm workspaces monorepo', created: '2026-05-05', tags: ['tooling'],
    body: `One repository with pnpm workspaces: \`apps/api\`, \`apps/worker\`, \`apps/dashboard\`, \`packages/ledger\`, \`packages/matching\`.
Why: shared types between API and dashboard, one CI pipeline, pnpm's strict node_modules catches undeclared imports.`,
  },
  {
    path: 'decisions/api-versioning-by-url.md', title: 'API versions in the URL path', created: '2026-09-02', tags: ['api'],
    body: `Public API versions live in the path (\`/v1/...\`, \`/v2/...\`). v2 shipped on 1 October 2026 with cursor pagination and amounts as integer minor units.
Why not a header: customers debug with curl and copy URLs from logs; a version in the path is visible everywhere. [[rules/api-breaking-changes-need-version]].`,
  },
  {
    path: 'decisions/csv-export-streaming.md', title: 'Stream CSV exports instead of building them in memory', created: '2026-07-21', tags: ['exports'],
    body: `Ledger exports stream rows from a Postgres cursor straight into the HTTP response with \`csv-stringify\`.
Why: a tenant with 2 million entries made the worker build a 600 MB string and get killed.`,
  },
  {
    path: 'decisions/fastify-over-express.md', title: 'Fastify for the HTTP API', created: '2026-05-05', tags: ['api'],
    body: `The API uses Fastify 5 rather than Express.
Why: schema-based validation and serialization with JSON Schema, built-in pino logging, and it was twice as fast in our webhook ingestion benchmark. The catch is raw bodies: [[gotchas/stripe-signature-raw-body]].`,
  },
  {
    path: 'decisions/outbox-pattern-for-ledger-events.md', title: 'Transactional outbox for ledger events', created: '2026-07-09', tags: ['events', 'database'],
    body: `Ledger changes publish events through an outbox table written in the same transaction, drained by a worker.
Why: publishing to the queue after commit lost events when the process died in between. See [[concepts/outbox-table|the outbox]].`,
  },
  {
    path: 'decisions/daily-reconciliation-window.md', title: 'Nightly reconciliation at 02:00 UTC', created: '2026-06-24', tags: ['reconciliation'],
    body: `The reconciliation run starts at 02:00 UTC and covers the previous calendar day in the tenant's time zone.
Why: banks publish end-of-day statements by 01:00 UTC; running later leaves no time to retry before European business hours. The DST trap: [[gotchas/timezone-dst-reconciliation]].`,
  },
  {
    path: 'decisions/sentry-error-tracking.md', title: 'Sentry for error tracking', created: '2026-06-05', tags: ['observability'],
    body: `Unhandled errors from API, workers and dashboard go to Sentry (EU region), with release tags from CI.
Why: source maps and grouping out of the box; the free tier was enough until October.`,
  },
  {
    path: 'decisions/no-orm-in-reports.md', title: 'Reports use raw SQL, not the ORM', created: '2026-09-30', tags: ['reports', 'database'],
    body: `Month-end reports are hand-written SQL views queried with \`sql\` template tags.
Why: window functions and \`GROUPING SETS\` are unreadable through the ORM and the views are reviewed by finance.`,
  },
];
