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
secret key token`;

const RELATED = new Map<string, Set<string>>();
for (const line of GROUPS.split('\n')) {
  const words = line.includes('|') ? line.split('|') : line.split(/\s+/);
  for (const word of words) {
    const set = RELATED.get(word) ?? new Set<string>();
    for (const other of words) if (other !== word) set.add(other);
    RELATED.set(word, set);
  }
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
