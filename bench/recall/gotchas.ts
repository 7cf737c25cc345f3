import type { PageSpec } from './spec.js';

/** Gotchas: a symptom (usually an exact error message), its cause, and the fix. */
export const GOTCHAS: PageSpec[] = [
  {
    path: 'gotchas/stripe-signature-raw-body.md', title: 'Stripe signature check fails behind Fastify', created: '2026-06-09', tags: ['stripe', 'webhooks'],
    body: `Symptom: \`stripe.webhooks.constructEvent\` throws \`No signatures found matching the expected signature for payload\`.
Cause: Fastify had already parsed the JSON; the signature is over the raw bytes. Fix: register \`fastify-raw-body\` for the \`/webhooks/stripe\` route and pass \`request.rawBody\`.`,
  },
  {
    path: 'gotchas/pg-too-many-clients.md', title: 'Postgres runs out of connections', created: '2026-08-21', tags: ['database', 'postgres'],
    body: `Symptom: \`FATAL: sorry, too many clients already\` right after a deploy.
Cause: each worker process opened its own pool of 20 while old machines were still draining. Fix: pool max 5 per process and PgBouncer in transaction mode in front of Postgres.`,
  },
  {
    path: 'gotchas/bullmq-missing-lock.md', title: 'BullMQ loses the lock on long imports', created: '2026-07-15', tags: ['jobs', 'redis'],
    body: `Symptom: \`Error: Missing lock for job 4812. moveToFinished\` and the statement import runs twice.
Cause: the import blocks the event loop longer than \`lockDuration\` (30 s), so the lock expires and another worker takes the job. Workaround: split imports into chunks of 500 lines.`,
  },
  {
    path: 'gotchas/plaid-item-login-required.md', title: 'Plaid ITEM_LOGIN_REQUIRED stops bank syncs', created: '2026-07-28', tags: ['plaid', 'banks'],
    body: `Symptom: transaction sync returns \`ITEM_LOGIN_REQUIRED\` and the tenant's bank feed silently stops.
Cause: the bank forces re-authentication every 90 days. Fix: catch the error code, mark the connection as needing attention and send the tenant an update-mode Link token.`,
  },
  {
    path: 'gotchas/drizzle-kit-push-drops-column.md', title: 'drizzle-kit push drops a renamed column', created: '2026-08-26', tags: ['database', 'orm'],
    body: `\`drizzle-kit push\` treats a renamed column as drop + add and deleted \`statement_lines.booked_at\` on staging with all its data.
Always generate a migration (\`drizzle-kit generate\`), read the SQL and rename by hand. [[rules/migrations-reviewed]].`,
  },
  {
    path: 'gotchas/vitest-esm-mock-hoisting.md', title: 'vi.mock hoisting breaks variables in the factory', created: '2026-07-03', tags: ['testing'],
    body: `Symptom: \`ReferenceError: Cannot access '__vi_import_0__' before initialization\` in a test that mocks the Stripe client.
Cause: \`vi.mock\` is hoisted above the imports, so its factory cannot use imported variables. Fix: use \`vi.hoisted()\` for values the factory needs.`,
  },
  {
    path: 'gotchas/timezone-dst-reconciliation.md', title: 'Daylight saving change shifts the reconciliation window', created: '2026-10-26', tags: ['reconciliation', 'time'],
    body: `On the night of 25 October 2026 the reconciliation for Berlin tenants missed one hour of transactions: the window was computed as 24 hours from local midnight, and that day had 25.
Fix: compute the window from the calendar day in the tenant's zone with Temporal (\`ZonedDateTime\`), never by adding 24 hours.`,
  },
  {
    path: 'gotchas/numeric-returned-as-string.md', title: 'node-postgres returns NUMERIC and BIGINT as strings', created: '2026-08-18', tags: ['database', 'postgres', 'money'],
    body: `Symptom after the migration: \`TypeError: amount.toFixed is not a function\` in the dashboard totals.
Cause: \`pg\` returns \`bigint\` (int8) columns as strings to avoid precision loss. Fix: a type parser for int8 that returns \`BigInt\`, and format with \`Intl.NumberFormat\`.`,
  },
  {
    path: 'gotchas/render-health-check-port.md', title: 'Render deploy hangs on "No open ports detected"', created: '2026-10-16', tags: ['deploy', 'hosting'],
    body: `Symptom: the first Render deploy hangs with \`No open ports detected, continuing to scan...\` and then fails.
Cause: the API listened on 127.0.0.1:3000. Fix: listen on \`0.0.0.0\` and on \`process.env.PORT\`.`,
  },
  {
    path: 'gotchas/fly-machine-oom.md', title: 'Fly machines killed for memory during exports', created: '2026-07-20', tags: ['deploy', 'exports'],
    body: `Symptom: \`Out of memory: Killed process 512 (node)\` in the Fly logs while a tenant downloads a ledger export; the request ends with a 502.
Cause: 256 MB machines and an export built as one string. Short term: 1 GB machines for workers; real fix: [[decisions/csv-export-streaming]].`,
  },
  {
    path: 'gotchas/pg-boss-schema-permission.md', title: 'pg-boss cannot create its schema', created: '2026-09-24', tags: ['jobs', 'database'],
    body: `Symptom: the worker crashes at start with \`error: permission denied for schema pgboss\`.
Cause: the app role is not the owner of the \`pgboss\` schema that the migration role created. Fix: \`GRANT ALL ON SCHEMA pgboss TO app\` in the migration, or let pg-boss create it with \`migrate: false\` off.`,
  },
  {
    path: 'gotchas/csv-excel-leading-zeros.md', title: 'Excel strips leading zeros from account numbers', created: '2026-08-04', tags: ['exports'],
    body: `Finance opened an export in Excel and account numbers like 00123456 became 123456, so their lookups failed.
Fix: exports quote identifiers and prefix them with a tab-free \`="..."\` only in the \`excel\` flavour; the default CSV stays plain.`,
  },
  {
    path: 'gotchas/redis-eviction-policy.md', title: 'Redis refuses writes when full', created: '2026-06-30', tags: ['redis', 'jobs'],
    body: `Symptom: \`OOM command not allowed when used memory > 'maxmemory'\` from BullMQ during the month-end import.
Cause: completed jobs were kept forever and the instance used \`noeviction\`. Fix: \`removeOnComplete: 1000\` and a bigger instance.`,
  },
  {
    path: 'gotchas/mysql-utf8mb4-emoji.md', title: 'MySQL rejects emoji in payment memos', created: '2026-06-12', tags: ['database', 'mysql'],
    body: `Symptom: \`Incorrect string value: '\\xF0\\x9F\\x92\\xB8' for column 'memo' at row 1\` when a payment memo contains an emoji.
Cause: the table used \`utf8\` (3-byte). Fix: \`utf8mb4\` with \`utf8mb4_0900_ai_ci\` on every text column.`,
  },
  {
    path: 'gotchas/jest-open-handles.md', title: 'Jest does not exit after the tests', created: '2026-06-02', tags: ['testing'],
    body: `Symptom: \`Jest did not exit one second after the test run has completed.\` and CI times out after 10 minutes.
Cause: the Redis connection of the queue and the Postgres pool are never closed. Fix: close both in \`afterAll\`; \`--detectOpenHandles\` shows which.`,
  },
  {
    path: 'gotchas/unleash-token-type.md', title: 'Unleash rejects an admin token in the SDK', created: '2026-09-11', tags: ['feature-flags'],
    body: `Symptom: the Unleash Node SDK logs \`401 Unauthorized: Invalid token type\` and every flag reads as off.
Cause: we pasted an admin API token; the server SDK needs a client token for the environment. Create one under API access, type "Client".`,
  },
  {
    path: 'gotchas/pnpm-phantom-deps.md', title: 'Docker build cannot find a dependency that works locally', created: '2026-05-27', tags: ['tooling', 'docker'],
    body: `Symptom: \`Error: Cannot find module 'date-fns'\` in the production image only.
Cause: \`apps/worker\` imported date-fns without declaring it; locally it resolved through another workspace package. Fix: declare it; \`pnpm deploy --filter worker\` builds the image from declared deps only.`,
  },
  {
    path: 'gotchas/stripe-webhook-timeout.md', title: 'Stripe retries slow webhook handlers', created: '2026-06-16', tags: ['stripe', 'webhooks'],
    body: `Stripe marks a delivery failed when the handler takes longer than about 10 seconds ("Timed out" in the dashboard) and retries it, so slow handlers ran twice and booked duplicate entries.
Fix: acknowledge with 200 right after storing the event, do the work in a job. See [[decisions/idempotency-keys-on-webhooks]].`,
  },
  {
    path: 'gotchas/lucia-deprecated-adapter.md', title: 'Lucia adapter breaks after the upgrade', created: '2026-11-12', tags: ['auth'],
    body: `Symptom: \`TypeError: adapter.getSessionAndUser is not a function\` on every request after bumping Lucia.
Cause: the Postgres adapter package was not updated with the core; the library is deprecated and adapters are no longer maintained. This pushed [[decisions/better-auth]].`,
  },
  {
    path: 'gotchas/ecb-rates-weekend.md', title: 'No FX rate on weekends and holidays', created: '2026-09-14', tags: ['fx', 'reconciliation'],
    body: `Symptom: reconciliation fails with \`No rate for EUR on 2026-09-13\` for card payments booked on a Sunday.
Cause: the ECB publishes reference rates on working days only. Fix: use the most recent earlier rate and record its date on the [[concepts/fx-rate-snapshot]].`,
  },
];
