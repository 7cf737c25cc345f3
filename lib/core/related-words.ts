/**
 * Words a project's pages and the people asking about them use for the same thing ("password"
 * and "secret", "laptop" and "machine", "delete" and "remove"). A query word with related words
 * also searches for them, at a lower weight than its own (search-signals.ts), so a question
 * worded differently from the page still finds it. Written by hand from general software and
 * project vocabulary, not from any benchmark's answers; a general thesaurus (WordNet, issue 9)
 * was measured first and left out: its senses are mostly everyday ones ("video" -> "picture")
 * that lift wrong pages as often as right ones, for 26 MB of memory.
 *
 * Each line is one group; every word of a group is related to every other. Phrases are allowed
 * ("set up"). Words are given in their base form: lookups strip a plural or verb ending first.
 * The groups from "orm mapper" on, and TOOLS, came in the paraphrase round of issue 17, written
 * after reading the misses of a development set by the same author: docs/performance.md has
 * what they moved on it and on the held-out half nobody read.
 */
const GROUPS = `password passphrase secret credential
laptop computer machine workstation desktop
setup|set up|install|configure|provision|bootstrap
prepare|get ready|set up
error failure exception fault
bug defect glitch
crash panic segfault
fix repair patch resolve workaround
delete remove erase drop purge
change modify alter edit update amend
stop halt terminate shutdown
slow sluggish latency lag
deploy release ship rollout publish
rollback revert undo
check verify validate confirm
config configuration setting option preference
database db datastore
server instance
repo repository codebase
code source development programming
merge combine integrate
review approve approval
doc documentation manual guide readme
procedure runbook playbook checklist
rule policy convention guideline
decision choice adr
limit cap quota maximum threshold
timeout deadline expiry
retry resend redeliver replay
duplicate dupe twice repeat
fee charge cost price
payout disbursement transfer
customer client tenant
spreadsheet excel sheet
handover handoff
oncall|on call|on-call|pager
webhook callback
endpoint route
login signin sign-in authentication auth
permission access grant privilege
backup snapshot dump
restore recover recovery
upgrade bump
dependency package library
flag toggle
timezone tz
immutable append-only read-only unchangeable
entry posting booking journal
nightly overnight
exchange fx forex
stuck hung frozen hang
leak exposure
crash outage incident downtime
alert alarm notification
metric measurement
test spec
environment env
secret key token
orm mapper
asynchronous async background queue
hosting cloud paas
log logging logger
monitoring observability tracking telemetry
framework library toolkit sdk
mock fake stub
column field attribute
schema namespace
staging|pre-production|preprod
production prod
memory ram oom
container docker
cache|key-value|in-memory
ci|pipeline|continuous integration
pr|pull request|merge request
version edition
string text
decimal float fraction
cents|minor units|pennies
dst|daylight saving|clock change
utc gmt
emoji emoticon smiley
import upload ingest
export download
csv spreadsheet excel
sso saml oidc identity
vendor supplier
glossary terminology definition
onboarding|new hire|newcomer|new developer
rollout canary gradual
sign-off|sign off|approval|approve
idempotent idempotency dedupe deduplicate
schedule cron
signature signing hmac
rotate roll regenerate`;

// Well-known tools named for what they are: a question says "the queue" or "our error tracker"
// where the page names the product. A product is related to its kind's words, not to the other
// products of its kind: they are alternatives, not synonyms ("why did we replace Clerk" is not
// about Auth0) (tuning why MRR 0.933 -> 0.833 with them related). Products whose names are everyday words (Express, Fly, Render) are left out:
// chat and prose use those words for other things.
const TOOLS = `orm: prisma drizzle typeorm sequelize knex
queue: bullmq pg-boss sidekiq celery rabbitmq sqs kafka
hosting cloud: heroku vercel netlify aws gcp azure fly.io
logger logging: pino winston bunyan log4j
error tracking|error tracker: sentry rollbar bugsnag
flag toggle: launchdarkly unleash flagsmith growthbook
authentication auth: clerk auth0 lucia okta cognito keycloak better-auth
test runner: jest vitest mocha jasmine
cache: redis memcached valkey
database db: postgres postgresql mysql mariadb sqlite mongodb
payment processor: stripe adyen braintree paypal
container: docker podman kubernetes
framework: fastify koa hapi nestjs`;

const RELATED = new Map<string, Set<string>>();
const relate = (word: string, others: readonly string[]) => {
  const set = RELATED.get(word) ?? new Set<string>();
  for (const other of others) if (other !== word) set.add(other);
  RELATED.set(word, set);
};
const wordsOf = (line: string) => (line.includes('|') ? line.split('|') : line.split(/\s+/)).map((w) => w.trim()).filter(Boolean);
for (const line of GROUPS.split('\n')) {
  const words = wordsOf(line);
  for (const word of words) relate(word, words);
}
for (const line of TOOLS.split('\n')) {
  const [kind, products] = line.split(':');
  const kindWords = wordsOf(kind!);
  const productNames = wordsOf(products!.trim());
  // One way: a query naming the product already finds its pages, and its kind's words would
  // lift the page that introduced it over the one that replaced it ("why did we replace Clerk"
  // found "Clerk for authentication" first: tuning why MRR 0.933 -> 0.883 both ways).
  for (const word of kindWords) relate(word, productNames);
}

// Endings a query word may carry that the table's base forms do not ("passwords", "deleted").
const ENDINGS = ['s', 'es', 'ed', 'd', 'ing'];

/** Words related to a query word (lowercase), without the word itself; empty when it has none. */
export function relatedWords(word: string): string[] {
  const direct = RELATED.get(word);
  if (direct) return [...direct];
  for (const ending of ENDINGS) {
    if (word.length > ending.length + 2 && word.endsWith(ending)) {
      const base = RELATED.get(word.slice(0, -ending.length));
      if (base) return [...base];
    }
  }
  return [];
}
