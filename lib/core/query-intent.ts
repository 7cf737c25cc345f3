import { isContinuation } from './capture/session-title.js';
import type { PageKind } from './page.js';

/**
 * What a query's wording says about the page it wants, beyond its words: the kind of page
 * ("why did we" wants a decision, "how do I" a procedure, an error string a gotcha or the
 * session that hit it), whether it asks for the state now or for how things were, and whether
 * it wants the newest or the oldest page. These only boost; a query never loses a page by them.
 */
export interface QueryIntent {
  /** Kinds the query asks for, with the boost each gets (a multiplier above 1). */
  kinds: Partial<Record<PageKind, number>>;
  /** Kinds the query names outright ("the latest handoff"), a subset of `kinds`. */
  named: PageKind[];
  /** "current", "now", "still", "today": the end of a supersession chain is the answer. */
  current: boolean;
  /** "before", "history", "used to": superseded pages are part of the answer. */
  past: boolean;
  /** "latest", "most recent" / "first", "earliest": order by the page's date. */
  order?: 'newest' | 'oldest';
  /**
   * "where did we leave off", "what's next", "pick up where we left off": the project's pending
   * handoff is the answer, and it shares none of those words. The prompts that title a session
   * "Continued: ..." (capture/session-title.ts) are the same questions.
   */
  resume?: true;
}

export const INTENT = {
  /** The query names the kind ("sessions from yesterday", "decisions made in May"). */
  named: 1.35,
  /** The query's wording implies it ("why did we", "how do I", an error message). */
  implied: 1.2,
} as const;

// A kind named as the thing asked for ("sessions from yesterday", "the last session"), not as
// part of another noun ("a gaming session" is an event, not a page of the wiki).
const ASKED = String.raw`(?:^\s*|\b(?:the|our|which|what|last|latest|recent|first|earliest|previous|any|all|open|agent)\s+)`;
const NAMED: Array<{ re: RegExp; kind: PageKind }> = [
  { re: new RegExp(`${ASKED}sessions?\\b`, 'i'), kind: 'session' },
  { re: /\bhandoffs?\b/i, kind: 'handoff' },
  { re: /\bdecisions?\b|\bdecided\b|\bdecide\b/i, kind: 'decision' },
  { re: /\bgotchas?\b|\bpitfalls?\b/i, kind: 'gotcha' },
  { re: /\brules?\b|\bpolicy\b|\bpolicies\b/i, kind: 'rule' },
  { re: /\bprocedures?\b|\brunbooks?\b|\bsteps\b|\bchecklist\b/i, kind: 'procedure' },
  { re: /\bconcepts?\b|\bglossary\b/i, kind: 'concept' },
];

const IMPLIED: Array<{ re: RegExp; kinds: PageKind[] }> = [
  { re: /\bwhy\b|\breason\b|\bchose\b|\bchoose\b|\bpicked?\b|\bwent with\b|\binstead of\b/i, kinds: ['decision'] },
  { re: /^\s*how (do|can|should|to)\b|\bhow to\b|\bsteps to\b/i, kinds: ['procedure'] },
  { re: /\bmust\b|\balways\b|\bnever\b|\ballowed\b|\bforbidden\b|\bmay (i|we)\b/i, kinds: ['rule'] },
  { re: /\berror\b|\bexception\b|\bfail(ed|s|ing|ure)?\b|\bbroken?\b|\bcrash|\b(went|goes|go|going) wrong\b|\boutage\b|\bbug\b/i, kinds: ['gotcha', 'session'] },
  { re: /\bwhat did (we|i|the agent)\b|\bwork(ed)? on\b|\bwhat happened\b|\bwhat changed\b/i, kinds: ['session'] },
];

// An error pasted as it appeared: a CamelCase error name, an ALL_CAPS code, "Error:", "FATAL:".
const ERROR_TEXT = /\b[A-Z][a-z]+(Error|Exception)\b|\b[A-Z]{2,}(_[A-Z]+)+\b|\b(error|fatal|warning|typeerror|referenceerror):/i;

const CURRENT = /\b(current(ly)?|now|still|today|nowadays|these days|any ?more|latest)\b/i;
// "why did we replace X" asks about a decision that may itself have been replaced since.
const PAST = /\b(before|history|historical|previous(ly)?|used to|originally|formerly|earlier|old|evolution|over time|replaced?|why did (we|you|they))\b/i;
const NEWEST = /\b(latest|most recent|newest|last (session|handoff|decision|change))\b/i;
// "originally", "at the very beginning" ask for the oldest as well; "at the start of each
// request" is a place in a process, and "initially null" a state, so neither counts.
const OLDEST = /\b(earliest|oldest|first (session|handoff|decision|change)|originally|at (the )?(very )?(beginning|start|outset)(?! of\b)|at first|to begin with)\b|\bfirst(?= [\w-]+(?: [\w-]+)? (?:we|i|you|they)\b)/i;

export function queryIntent(query: string): QueryIntent {
  const kinds: QueryIntent['kinds'] = {};
  const raise = (kind: PageKind, boost: number) => {
    kinds[kind] = Math.max(kinds[kind] ?? 1, boost);
  };
  for (const { re, kinds: implied } of IMPLIED) if (re.test(query)) for (const kind of implied) raise(kind, INTENT.implied);
  if (ERROR_TEXT.test(query)) for (const kind of ['gotcha', 'session'] as const) raise(kind, INTENT.implied);
  const named = NAMED.filter(({ re }) => re.test(query)).map(({ kind }) => kind);
  for (const kind of named) raise(kind, INTENT.named);
  const intent: QueryIntent = { kinds, named, current: CURRENT.test(query), past: PAST.test(query) };
  // A bare "status" or "continue" typed into search may well be about pages with that word; a
  // sentence ("where did we leave off") asks where the work stands.
  if (/\S\s+\S/.test(query.trim()) && isContinuation(query)) intent.resume = true;
  if (NEWEST.test(query)) intent.order = 'newest';
  else if (OLDEST.test(query)) {
    intent.order = 'oldest';
    // The first of something is history: a page superseded since is part of the answer.
    intent.past = true;
  }
  return intent;
}

/**
 * The query without the words that ask for date order and the kinds it names ("the most recent
 * session about billing" -> "the about billing"): once the pages' dates answer "most recent",
 * those words would only find pages that happen to say "recent" or "session". `kinds: false`
 * keeps the kind words (the order word alone goes).
 */
export function withoutOrderWords(query: string, kinds = true): string {
  const global = (re: RegExp) => new RegExp(re.source, 'gi');
  let rest = query.replace(global(NEWEST), ' ').replace(global(OLDEST), ' ');
  if (kinds) for (const { re } of NAMED) rest = rest.replace(global(re), ' ');
  return rest;
}
