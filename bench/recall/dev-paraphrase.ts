import type { RecallQuestion } from './spec.js';

/**
 * A development set of paraphrase questions (issue 17, paraphrase round), written from the
 * recall wiki's pages and not from its questions or from search results: each asks what a page
 * answers the way someone who has not read it would, with few or none of its words. It is tuned
 * on, next to the tuning half; `npm run bench:recall -- --dev` reports it as a third half.
 */
const NOW = '2026-11-30';
const ask = (q: string, ...expect: string[]): RecallQuestion => ({ q, category: 'paraphrase', expect, asked: NOW });

export const DEV_PARAPHRASE: RecallQuestion[] = [
  // decisions
  ask('which relational engine did we pick at the very beginning', 'decisions/mysql-primary-store.md'),
  ask('what made us switch our SQL engine', 'decisions/postgres-migration.md'),
  ask('the first object-relational mapper we adopted', 'decisions/use-prisma-orm.md'),
  ask('why did we swap out our data access library after changing databases', 'decisions/drizzle-over-prisma.md'),
  ask('what did we originally run asynchronous tasks on', 'decisions/bullmq-for-jobs.md'),
  ask('why are queued tasks now kept inside the main SQL server', 'decisions/pg-boss-replaces-bullmq.md'),
  ask('why did we change cloud provider', 'decisions/move-to-render.md'),
  ask('what made the spec suite so much quicker', 'decisions/vitest-over-jest.md'),
  ask('why did we change how the app records its diagnostic output', 'decisions/pino-structured-logs.md'),
  ask('why did we stop paying for the toggle service', 'decisions/unleash-self-hosted.md'),
  ask('why did a bank compliance audit force a change of login provider', 'decisions/lucia-sessions.md'),
  ask('why cannot prices be stored with decimals', 'decisions/integer-cents-money.md', 'rules/money-in-integer-cents.md'),
  ask('how do we stop the same provider notification from being processed twice', 'decisions/idempotency-keys-on-webhooks.md', 'rules/webhook-handlers-idempotent.md', 'concepts/idempotency-key.md'),
  ask('why is all our code kept in one place instead of separate projects', 'decisions/pnpm-workspaces-monorepo.md'),
  ask('how do clients pick which edition of the public interface they call', 'decisions/api-versioning-by-url.md'),
  ask('how do we avoid holding a whole spreadsheet download in RAM', 'decisions/csv-export-streaming.md'),
  ask('which web framework serves our endpoints', 'decisions/fastify-over-express.md'),
  ask('how do we make sure change notifications survive a crash between saving and sending', 'decisions/outbox-pattern-for-ledger-events.md', 'concepts/outbox-table.md'),
  ask('at what hour does the overnight matching kick off', 'decisions/daily-reconciliation-window.md'),
  ask('where do crashes get reported', 'decisions/sentry-error-tracking.md'),
  ask('why do the accounting summaries bypass the data access library', 'decisions/no-orm-in-reports.md'),
  // gotchas
  ask('payment provider callbacks rejected because the body was already decoded', 'gotchas/stripe-signature-raw-body.md'),
  ask('database stops accepting logins right after we ship', 'gotchas/pg-too-many-clients.md'),
  ask('big bank file uploads getting processed two times', 'gotchas/bullmq-missing-lock.md'),
  ask('why did a customer stop receiving bank data after three months', 'gotchas/plaid-item-login-required.md'),
  ask('a field vanished from the pre-production environment after syncing the schema', 'gotchas/drizzle-kit-push-drops-column.md'),
  ask('fake module setup cannot see values brought in at the top of the file', 'gotchas/vitest-esm-mock-hoisting.md'),
  ask('transactions missing the night the clocks went back', 'gotchas/timezone-dst-reconciliation.md'),
  ask('large numbers from the database come back as text', 'gotchas/numeric-returned-as-string.md'),
  ask('first rollout on the new host stuck because the server was bound to localhost', 'gotchas/render-health-check-port.md'),
  ask('servers crashing from lack of RAM when a customer downloads their history', 'gotchas/fly-machine-oom.md'),
  ask('the app user lacks rights on the job queue namespace', 'gotchas/pg-boss-schema-permission.md'),
  ask('spreadsheet program mangles identifiers that start with 0', 'gotchas/csv-excel-leading-zeros.md'),
  ask('the in-memory key value store stopped accepting data once it filled up', 'gotchas/redis-eviction-policy.md'),
  ask('smiley characters in payment notes break inserts', 'gotchas/mysql-utf8mb4-emoji.md'),
  ask('test process hangs at the end in the build pipeline', 'gotchas/jest-open-handles.md'),
  ask('toggles all read false because we used the wrong kind of key', 'gotchas/unleash-token-type.md'),
  ask('package works on my laptop but is missing in the container', 'gotchas/pnpm-phantom-deps.md'),
  ask('card processor resends events when we answer too slowly', 'gotchas/stripe-webhook-timeout.md'),
  ask('every call errors after upgrading the login library', 'gotchas/lucia-deprecated-adapter.md'),
  ask('no exchange price available on non-business days', 'gotchas/ecb-rates-weekend.md'),
  // rules
  ask('which clock offset do we persist dates with', 'rules/utc-everywhere.md'),
  ask('where should passwords and tokens be kept', 'rules/no-secrets-in-repo.md'),
  ask('how many people must sign off on a table alteration', 'rules/migrations-reviewed.md'),
  ask('when must an old toggle be deleted', 'rules/feature-flags-cleanup.md'),
  ask('what if we want to alter the shape of a response customers rely on', 'rules/api-breaking-changes-need-version.md'),
  ask('am I allowed to land code with failing checks', 'rules/tests-before-merge.md'),
  ask('can we edit a booked transaction to fix an error', 'rules/ledger-append-only.md'),
  ask('how big can a code review be', 'rules/pr-size-limit.md'),
  ask('when do library upgrades happen', 'rules/dependency-updates-weekly.md'),
  // procedures
  ask("how do we change the payment provider's callback key without downtime", 'procedures/rotate-stripe-webhook-secret.md'),
  ask('how do I ship to production these days', 'procedures/deploy-to-render.md'),
  ask('how do I resend notifications that errored', 'procedures/replay-failed-webhooks.md'),
  ask('what does a new hire install on their laptop', 'procedures/onboard-new-developer.md'),
  ask('how do I get the data back after an accidental wipe', 'procedures/restore-postgres-backup.md'),
  ask('how do I put a new capability behind a switch', 'procedures/add-feature-flag.md'),
  ask('how do I kick off the pairing job for a single client myself', 'procedures/run-reconciliation-manually.md'),
  ask('how do we publish a new version', 'procedures/cut-a-release.md'),
  ask('tasks hanging forever in the queue, how to get them moving', 'procedures/debug-stuck-jobs.md'),
  ask('how to simulate a bank asking the user to log in again while testing', 'procedures/reset-plaid-sandbox-item.md'),
  ask('how do I download all bookings as a spreadsheet', 'procedures/export-ledger-csv.md'),
  ask('supporting payments in yen or dinar', 'procedures/add-new-currency.md'),
  ask('what to pass on to the next person on duty each week', 'procedures/on-call-handover.md'),
  // concepts and notes
  ask('what do we call a group of card charges paid out at once', 'concepts/settlement-batch.md'),
  ask("how is each customer's data kept apart", 'concepts/tenant.md'),
  ask('how do customers configure automatic pairing of bank lines', 'concepts/match-rule.md'),
  ask("what is one row of a bank's daily file", 'concepts/statement-line.md'),
  ask('do we convert foreign money with the current price or the one from back then', 'concepts/fx-rate-snapshot.md'),
  ask('who do we contact when a supplier has a problem', 'notes/vendor-contacts.md'),
  ask('where are the domain terms explained', 'notes/glossary.md'),
];
