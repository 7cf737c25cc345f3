import type { PageSpec } from './spec.js';

export const RULES: PageSpec[] = [
  { path: 'rules/money-in-integer-cents.md', title: 'Amounts are integers of minor units', created: '2026-05-06', tags: ['money'], aliases: ['no floats for money'],
    body: `Always store and compute amounts as integer minor units with a currency code. Never use \`number\` floats or \`parseFloat\` on an amount. Why: [[decisions/integer-cents-money]].` },
  { path: 'rules/utc-everywhere.md', title: 'Timestamps are stored in UTC', created: '2026-05-06', tags: ['time'],
    body: `Every timestamp column is \`timestamptz\` and written in UTC. Convert to the tenant's zone only in the dashboard and in reports. A date without a time (a booking date) is a \`date\`, not a timestamp.` },
  { path: 'rules/no-secrets-in-repo.md', title: 'No secrets in the repository', created: '2026-05-05', tags: ['security'],
    body: `Never commit \`.env\` files, API keys or webhook secrets. Secrets live in Doppler and reach CI and Render as environment variables. A leaked key is rotated the same day ([[procedures/rotate-stripe-webhook-secret]]).` },
  { path: 'rules/migrations-reviewed.md', title: 'Every migration is reviewed by two people', created: '2026-08-27', tags: ['database'],
    body: `Schema migrations must be approved by two reviewers, one of them on call that week. No \`drizzle-kit push\` against staging or production ([[gotchas/drizzle-kit-push-drops-column]]). Destructive changes ship in two releases: stop using, then drop.` },
  { path: 'rules/webhook-handlers-idempotent.md', title: 'Webhook handlers must be idempotent', created: '2026-06-17', tags: ['webhooks'],
    body: `A webhook handler must be safe to run twice: store the provider event id first (unique), skip if it exists, and do the work in a job. [[concepts/idempotency-key]].` },
  { path: 'rules/log-no-pii.md', title: 'No personal data in logs', created: '2026-06-11', tags: ['security', 'logging'],
    body: `Never log account numbers, IBANs, e-mail addresses or names. pino's \`redact\` paths cover \`*.iban\`, \`*.accountNumber\`, \`*.email\`; add new fields there before logging them.` },
  { path: 'rules/feature-flags-cleanup.md', title: 'Remove feature flags after rollout', created: '2026-09-10', tags: ['feature-flags'],
    body: `A flag that has been at 100% for 30 days must be removed from the code and from Unleash. Stale flags are listed every Monday by the \`flags:stale\` script.` },
  { path: 'rules/api-breaking-changes-need-version.md', title: 'Breaking API changes need a new version', created: '2026-09-02', tags: ['api'],
    body: `Removing or renaming a field, changing a type or a default is a breaking change: it goes into the next path version, never into a released one. Deprecations carry a \`Sunset\` header for at least 90 days.` },
  { path: 'rules/tests-before-merge.md', title: 'CI must be green before merging', created: '2026-05-05', tags: ['testing', 'ci'],
    body: `No merge with a red or skipped pipeline. \`.only\` and \`.skip\` fail the lint step. A flaky test gets a ticket and a fix within the week, not a retry loop.` },
  { path: 'rules/ledger-append-only.md', title: 'The ledger is append-only', created: '2026-05-13', tags: ['ledger'], aliases: ['never update ledger rows'],
    body: `Rows in \`ledger_entries\` are never updated or deleted. A mistake is corrected by a reversing entry that references the original. The database role of the app has no UPDATE or DELETE grant on that table. [[concepts/ledger-entry]].` },
  { path: 'rules/pr-size-limit.md', title: 'Keep pull requests under 400 lines', created: '2026-06-01', tags: ['process'],
    body: `A pull request should change less than 400 lines (generated files excluded). Split larger work behind a flag.` },
  { path: 'rules/dependency-updates-weekly.md', title: 'Dependencies are updated every Monday', created: '2026-06-22', tags: ['tooling', 'process'],
    body: `Renovate opens grouped update PRs on Monday mornings; whoever is on call merges them by Wednesday. Major versions get their own PR and a note in the changelog.` },
];

export const PROCEDURES: PageSpec[] = [
  { path: 'procedures/run-database-migration.md', title: 'Run a database migration', created: '2026-08-13', updated: '2026-08-27', tags: ['database'],
    body: `1. \`pnpm --filter ledger db:generate\` and read the generated SQL.
2. Open a PR; two reviews ([[rules/migrations-reviewed]]).
3. After merge CI runs \`db:migrate\` against staging; check \`drizzle.__migrations\`.
4. Production: the release job runs \`db:migrate\` before the new API starts. Take a snapshot first for anything destructive ([[procedures/restore-postgres-backup|restoring]]).` },
  { path: 'procedures/rotate-stripe-webhook-secret.md', title: 'Rotate the Stripe webhook signing secret', created: '2026-07-07', tags: ['stripe', 'security'],
    body: `1. In the Stripe dashboard, roll the endpoint's signing secret with a 24 h overlap.
2. Put the new \`whsec_...\` in Doppler as \`STRIPE_WEBHOOK_SECRET_NEXT\`; the handler accepts both during the overlap.
3. Deploy, watch for signature errors, then promote NEXT to \`STRIPE_WEBHOOK_SECRET\` and delete the old one.` },
  { path: 'procedures/deploy-to-fly.md', title: 'Deploy to Fly.io', created: '2026-05-09', tags: ['deploy'],
    body: `CI runs \`fly deploy --strategy rolling\` on every merge to main. Roll back with \`fly releases\` and \`fly deploy --image <previous>\`.` },
  { path: 'procedures/deploy-to-render.md', title: 'Deploy to Render', created: '2026-10-15', supersedes: ['procedures/deploy-to-fly'], tags: ['deploy'],
    body: `Merges to main build the Docker image in CI and call the Render deploy hook for \`api\` and \`worker\`. The pre-deploy command runs migrations.
Roll back from the Render dashboard ("Rollback" on the previous deploy). First-time trap: [[gotchas/render-health-check-port]].` },
  { path: 'procedures/replay-failed-webhooks.md', title: 'Replay failed webhooks', created: '2026-06-18', tags: ['webhooks'], aliases: ['redeliver webhook events'],
    body: `1. Find failed events: \`SELECT id FROM webhook_events WHERE status = 'failed'\`.
2. \`pnpm --filter api webhooks:replay --since 2026-06-01\` re-enqueues them; idempotency keys make this safe.
3. For events we never received, resend from the Stripe dashboard or Plaid's webhook tool.` },
  { path: 'procedures/onboard-new-developer.md', title: 'Set up a development machine', created: '2026-05-15', updated: '2026-10-20', tags: ['onboarding'],
    body: `Install Node 22 and pnpm 9, Docker, the Doppler CLI. \`doppler setup\`, \`pnpm install\`, \`docker compose up postgres\`, \`pnpm db:migrate\`, \`pnpm dev\`. Seed data: \`pnpm seed --tenant demo\`. Stripe CLI forwards webhooks: \`stripe listen --forward-to localhost:3000/webhooks/stripe\`.` },
  { path: 'procedures/restore-postgres-backup.md', title: 'Restore Postgres from a backup', created: '2026-08-14', updated: '2026-10-22', tags: ['database', 'incident'],
    body: `On Render: Database -> Recovery -> choose a point in time; it creates a new instance. Point \`DATABASE_URL\` at it in Doppler and redeploy. Verify \`SELECT max(created_at) FROM ledger_entries\` before reopening traffic.` },
  { path: 'procedures/add-feature-flag.md', title: 'Add a feature flag', created: '2026-09-10', tags: ['feature-flags'],
    body: `Create the toggle in Unleash (project \`ledgerline\`, strategy gradual rollout), add its name to \`packages/flags/names.ts\`, read it with \`isEnabled(name, context)\`. Set a removal date ([[rules/feature-flags-cleanup]]).` },
  { path: 'procedures/run-reconciliation-manually.md', title: 'Run a reconciliation by hand', created: '2026-06-25', updated: '2026-09-25', tags: ['reconciliation'],
    body: `\`pnpm --filter worker recon:run --tenant <id> --date 2026-09-01\` enqueues a [[concepts/reconciliation-run]] for one tenant and day. Add \`--dry-run\` to see matches without booking.` },
  { path: 'procedures/cut-a-release.md', title: 'Cut a release', created: '2026-06-08', tags: ['process'],
    body: `Run \`pnpm changeset version\`, review the changelog, merge the release PR; CI tags \`vX.Y.Z\`, uploads source maps to Sentry and deploys.` },
  { path: 'procedures/debug-stuck-jobs.md', title: 'Debug stuck background jobs', created: '2026-09-29', tags: ['jobs'],
    body: `Jobs live in \`pgboss.job\`. Stuck ones: \`SELECT name, state, started_on FROM pgboss.job WHERE state = 'active' AND started_on < now() - interval '15 minutes'\`. Fail them with \`boss.fail(id)\`; they retry with backoff.` },
  { path: 'procedures/reset-plaid-sandbox-item.md', title: 'Reset a Plaid sandbox item', created: '2026-07-29', tags: ['plaid'],
    body: `In sandbox, force the re-auth flow with \`/sandbox/item/reset_login\`, then open Link in update mode from the dashboard's connection page. Used to test [[gotchas/plaid-item-login-required]].` },
  { path: 'procedures/export-ledger-csv.md', title: 'Export the ledger as CSV', created: '2026-07-22', tags: ['exports'],
    body: `Dashboard -> Ledger -> Export, or \`GET /v2/ledger/export?from=...&to=...&flavour=excel\`. Large exports stream ([[decisions/csv-export-streaming]]).` },
  { path: 'procedures/add-new-currency.md', title: 'Add a new currency', created: '2026-09-15', tags: ['money', 'fx'],
    body: `Add the ISO 4217 code and its minor-unit exponent to \`packages/ledger/currencies.ts\` (JPY has 0, KWD has 3), add it to the FX fetch list, and backfill rates for 90 days.` },
  { path: 'procedures/on-call-handover.md', title: 'On-call handover', created: '2026-07-01', tags: ['process', 'incident'],
    body: `Every Monday at 10:00: open incidents, failed reconciliations, Sentry issues above 100 events, pending migrations. Write it as a handoff in the wiki.` },
];

export const CONCEPTS: PageSpec[] = [
  { path: 'concepts/ledger-entry.md', title: 'Ledger entry', created: '2026-05-13', tags: ['ledger'], aliases: ['journal line', 'double-entry posting'],
    body: `A ledger entry is one line of a double-entry posting: account, amount in minor units, currency, direction (debit/credit), and the posting it belongs to. Postings balance to zero per currency. [[rules/ledger-append-only]].` },
  { path: 'concepts/reconciliation-run.md', title: 'Reconciliation run', created: '2026-06-24', tags: ['reconciliation'], aliases: ['recon run', 'nightly recon'],
    body: `One pass of the matcher over a tenant's statement lines and ledger entries for one day. States: queued, matching, needs_review, done. Unmatched lines go to the review queue. Scheduled by [[decisions/daily-reconciliation-window]].` },
  { path: 'concepts/settlement-batch.md', title: 'Settlement batch', created: '2026-07-06', tags: ['payments'],
    body: `A group of card payments that the processor pays out together, net of fees. One [[concepts/payout]] settles one batch; matching a payout means matching the batch's total minus fees.` },
  { path: 'concepts/idempotency-key.md', title: 'Idempotency key', created: '2026-06-17', tags: ['webhooks', 'api'],
    body: `A unique key per operation (the provider's event id for webhooks, the \`Idempotency-Key\` header for our API) stored with a unique index; a repeat returns the stored result instead of doing the work again.` },
  { path: 'concepts/outbox-table.md', title: 'Outbox table', created: '2026-07-09', tags: ['events'], aliases: ['transactional outbox'],
    body: `\`ledger_outbox\` rows are written in the same transaction as ledger changes; a worker reads them in order, publishes, and marks them sent. At-least-once delivery; consumers dedupe.` },
  { path: 'concepts/statement-line.md', title: 'Statement line', created: '2026-05-18', tags: ['banks'],
    body: `One line of a bank statement (CAMT.053, MT940 or a Plaid transaction): booking date, value date, amount, counterparty, remittance text. Statement lines are matched against ledger entries.` },
  { path: 'concepts/match-rule.md', title: 'Match rule', created: '2026-06-26', tags: ['reconciliation', 'matching'],
    body: `A tenant-defined rule for the matcher: e.g. "amount equal and remittance text contains invoice number" with a confidence. Rules run in priority order; the first match above 0.9 books automatically.` },
  { path: 'concepts/payout.md', title: 'Payout', created: '2026-07-06', tags: ['payments', 'stripe'],
    body: `Money a processor (Stripe) sends to the tenant's bank account; it shows up as one statement line and settles a [[concepts/settlement-batch]].` },
  { path: 'concepts/tenant.md', title: 'Tenant', created: '2026-05-10', tags: ['architecture'],
    body: `A customer company. Every table has \`tenant_id\`; row-level security policies in Postgres check \`current_setting('app.tenant_id')\`.` },
  { path: 'concepts/fx-rate-snapshot.md', title: 'FX rate snapshot', created: '2026-09-14', tags: ['fx'],
    body: `The exchange rate used for a conversion, stored with the entry: source (ECB), rate date, and rate. Reports never recompute with today's rate.` },
];

export const NOTES: PageSpec[] = [
  { path: 'notes/vendor-contacts.md', title: 'Vendor contacts and support plans', created: '2026-06-15', updated: '2026-11-02', tags: ['vendors'],
    body: `Stripe: support via dashboard chat. Plaid: account manager, ticket portal. Render: support@ (pro plan since October). Sentry: team plan from November.` },
  { path: 'notes/glossary.md', title: 'Glossary', created: '2026-05-20', updated: '2026-09-30', tags: ['docs'],
    body: `Booking date: when the bank booked a line. Value date: when the money counts for interest. CAMT.053: ISO 20022 end-of-day statement. Minor units: cents. See [[concepts/ledger-entry|ledger entries]], [[concepts/statement-line|statement lines]], [[concepts/reconciliation-run|recon runs]].` },
];
