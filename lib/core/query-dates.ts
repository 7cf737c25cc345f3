// The English parser only: the package root also builds 14 other languages' parsers on import
// (~4x the load time of the server's whole date handling), and `parse` there is this one.
import * as chrono from 'chrono-node/en';
import type { ParsedComponents } from 'chrono-node';
import { describesSituation } from './situation-clause.js';
import { mayNameTime } from './time-words.js';

/**
 * Time in a query, read by chrono-node against the moment the question is asked:
 * - calendar dates ("on 7 July, 2023", "May 25 2022", "in February 2023", 2023-05-08) become
 *   phrases, so they match a page that writes that day instead of every page with a "7", a
 *   "2023" or the word "may"; both day-month and month-day orders, since pages write either;
 * - every date, relative ones included ("yesterday", "last week", "two days ago", "before
 *   July"), becomes a range of days the pages' own dates can be compared with;
 * - calendar dates leave the text query (their phrases replace them); relative words stay.
 */
export interface TimeRange {
  /** Inclusive start, ISO instant; absent for "before X". */
  from?: string;
  /** Exclusive end, ISO instant; absent for "since X". */
  to?: string;
}

export interface QueryDates {
  /** The query with its dates taken out (ISO dates stay: file names use them). */
  rest: string;
  /** FTS5 phrase clauses, one or two per calendar date. */
  clauses: string[];
  /** Month names and years, for title search and highlighting. */
  terms: string[];
  /** The days the query asks about, when it names any. */
  range?: TimeRange;
  /** The relative time words left in `rest` ("last week", "two days ago"), as written. */
  timeText: string[];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAY_MS = 86_400_000;
const BEFORE = /\b(before|until|till|prior to|by)\s*$/i;
const AFTER = /\b(since|after)\s*$/i;
// "in May" after a preposition is the month; "you may" is the verb, which chrono leaves alone
// unless a preposition or a number makes it a date.
const BARE_MONTH_NEEDS = /\b(in|during|since|until|by|early|late|mid|before|after|of|from)\s*-?\s*$/i;
const COUNT = String.raw`(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|couple|of|half|\d+)`;
const DURATION = new RegExp(String.raw`^(?:after|within|for|in|over)\s+(?:${COUNT}\s+)+(?:sec(?:ond)?|min(?:ute)?|hour|hr|day|week|month|quarter|year)s?$`, 'i');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_IN = /\b\d{4}-\d{2}-\d{2}\b/;
const MONTH_NAME = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])/i;
// A bare year after a preposition: chrono reads none, a journal or changelog question has them.
const YEAR = /\b(in|during|since|before|after|until)\s+((?:19|20)\d{2})\b/gi;

// Questions that run chrono's parsers the way queries do (months, weekdays, relative days,
// spelled-out and ISO dates), for `warmDateParser`.
const WARM_UP_QUESTIONS = [
  'what did we decide in May 2024 about the release on 3 June',
  'how does the loader handle mijun?',
  'what happened last week, since March, 3 days ago, next friday or yesterday',
  'the week before August 3, 2023 and 2024-05-01 at 3 pm',
];

/**
 * Parses a few questions twice and forgets the answers: chrono compiles its patterns on first
 * use and V8 compiles a pattern to machine code on its second run, ~150 ms of CPU in all that
 * the first questions naming a date word (or a made-up word ending like one: "lojun") would
 * otherwise pay (20-120 ms each, measured in a fresh process). The parser keeps no state.
 */
export function warmDateParser(): void {
  const asOf = new Date();
  for (let round = 0; round < 2; round += 1) for (const question of WARM_UP_QUESTIONS) extractDates(question, asOf);
}

export function extractDates(query: string, asOf: Date = new Date()): QueryDates {
  // Most queries name no time; the parser is the dearest step of preparing one.
  const results = mayNameTime(query) ? chrono.parse(query, { instant: asOf, timezone: 'UTC' }) : [];
  const clauses: string[] = [];
  const terms: string[] = [];
  const ranges: TimeRange[] = [];
  const timeText: string[] = [];
  let rest = '';
  let cursor = 0;
  for (const result of results) {
    const before = query.slice(0, result.index);
    // "now" asks for the current state, not for pages written today (core/query-intent.ts).
    if (/^(right )?now$/i.test(result.text.trim())) continue;
    // The calendar date the query spells out inside the expression ("the week before August 3,
    // 2023" spells out August 3): that is the phrase pages write.
    const literal = literalDate(result, asOf);
    const known = { ...certain(literal?.start), ...certain(result.start) };
    const onlyMonth = known.month !== undefined && known.day === undefined;
    // A month name alone is a date only after a preposition ("in May", not "you may").
    if (onlyMonth && known.year === undefined && !BARE_MONTH_NEEDS.test(before)) continue;
    // "after three months", "within a week": how long something took, not when; chrono reads
    // them as days ahead of the question, which no page of a project's past is dated in.
    if (DURATION.test(result.text.trim())) continue;
    // A time of day alone ("at 3 pm") names no day worth searching by.
    if (known.day === undefined && known.month === undefined && known.weekday === undefined && !/\b(week|month|year|days?|today|tonight)\b/i.test(result.text)) continue;
    const relative = Object.keys(certain(result.start)).length > 0 || !literal;
    const span = daySpan(relative ? result : literal, asOf);
    if (span) ranges.push(direct(span, before));
    let removed = '';
    if (literal) {
      const lit = certain(literal.start);
      const month = MONTHS[literal.start.get('month')! - 1]!;
      const year = lit.year !== undefined ? String(lit.year) : '';
      const day = lit.day;
      if (day !== undefined) clauses.push(`"${[day, month, year].filter(Boolean).join(' ')}"`, `"${[month, day, year].filter(Boolean).join(' ')}"`);
      else clauses.push(year ? `"${month} ${year}"` : `"${month}"`);
      terms.push(...[month, year].filter(Boolean));
      // ISO dates stay (file names use them); a spelled-out date gives way to its phrases.
      if (!ISO_DATE.test(literal.text.trim())) removed = literal.text;
    }
    // Relative words stay in the text query: a journal or a chat says "last week" too, and on
    // a wiki whose pages are not dated then, those words are all the query has (LoCoMo).
    const kept = removed ? result.text.replace(removed, ' ') : result.text;
    if (kept.trim() !== '') timeText.push(kept.trim());
    rest += query.slice(cursor, result.index) + kept;
    cursor = result.index + result.text.length;
  }
  rest += query.slice(cursor);
  for (const match of rest.matchAll(YEAR)) {
    const year = Number(match[2]);
    const span = { from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1) };
    ranges.push(direct(span, `${match[1]} `));
  }
  const range = ranges.length > 0 ? union(ranges) : undefined;
  return range ? { rest, clauses, terms, range, timeText } : { rest, clauses, terms, timeText };
}

/** The days a parsed expression covers: a day, a week, a month, or "the last N days" up to now. */
function daySpan(result: chrono.ParsedResult, asOf: Date): { from: number; to: number } | null {
  const text = result.text.toLowerCase();
  const known = certain(result.start);
  let start = startOfDay(result.start.date().getTime());
  const today = startOfDay(asOf.getTime());
  if (result.end) return { from: start, to: startOfDay(result.end.date().getTime()) + DAY_MS };
  if (/\b(last|past)\s+(\d+|a few|few|couple of|two|three|four|five|six|seven|eight|nine|ten)\b/.test(text)) return { from: start, to: today + DAY_MS };
  if (/\bweek\b/.test(text)) {
    if (/\bthis\b/.test(text)) start = today;
    const monday = start - ((new Date(start).getUTCDay() + 6) % 7) * DAY_MS;
    return { from: monday, to: monday + 7 * DAY_MS };
  }
  if (known.month !== undefined && known.day === undefined) {
    let year = known.year ?? new Date(start).getUTCFullYear();
    // "in May" asked in November is the May that has passed.
    if (known.year === undefined && Date.UTC(year, known.month - 1, 1) > asOf.getTime()) year -= 1;
    return { from: Date.UTC(year, known.month - 1, 1), to: Date.UTC(year, known.month, 1) };
  }
  if (known.day !== undefined && known.year === undefined && start > asOf.getTime()) {
    const d = new Date(start);
    start = Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate());
  }
  return { from: start, to: start + DAY_MS };
}

/** "before X" ends where X starts; "since X" starts where X starts, "after X" where it ends. */
function direct(span: { from: number; to: number }, before: string): TimeRange {
  const iso = (ms: number) => new Date(ms).toISOString();
  if (BEFORE.test(before)) return { to: iso(span.from) };
  if (AFTER.test(before)) return { from: iso(/\bafter\s*$/i.test(before) ? span.to : span.from) };
  return { from: iso(span.from), to: iso(span.to) };
}

function union(ranges: TimeRange[]): TimeRange {
  const froms = ranges.map((r) => r.from);
  const tos = ranges.map((r) => r.to);
  const range: TimeRange = {};
  if (froms.every((f) => f !== undefined)) range.from = froms.sort()[0]!;
  if (tos.every((t) => t !== undefined)) range.to = tos.sort().at(-1)!;
  return range;
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * The calendar date written inside an expression: the words after its last preposition, when
 * they name a month ("evening of 7 July, 2023" -> "7 July, 2023").
 */
function literalDate(result: chrono.ParsedResult, asOf: Date): chrono.ParsedResult | null {
  if (!MONTH_NAME.test(result.text) && !ISO_DATE_IN.test(result.text)) return null;
  const tail = result.text.replace(/^.*\b(before|after|of|on|from|since|until|by|the)\s+/i, '');
  const found = chrono.parse(tail, { instant: asOf, timezone: 'UTC' })[0];
  if (!found || !found.start.isCertain('month')) return null;
  return { ...found, text: found.text } as chrono.ParsedResult;
}

/** The components the query states (chrono fills in the rest from the reference date). */
function certain(components: ParsedComponents | undefined): Partial<Record<'day' | 'month' | 'year' | 'weekday', number>> {
  const known: Partial<Record<'day' | 'month' | 'year' | 'weekday', number>> = {};
  if (!components) return known;
  for (const key of ['day', 'month', 'year', 'weekday'] as const) {
    const value = components.isCertain(key) ? components.get(key) : null;
    if (value !== null) known[key] = value;
  }
  return known;
}

/**
 * "since the migration", "right after the v2 release", "before the outage": time named by an
 * event instead of a date. The phrase is looked up in the wiki (the service dates it by the
 * page that best matches it); `rest` is the query without it.
 */
export interface EventAnchor {
  phrase: string;
  direction: 'since' | 'after' | 'before';
  rest: string;
}

const EVENT = /\b(since|after|before|until)\s+((?:the|our|we)\s+)?([\p{L}\p{N}][\p{L}\p{N} .-]{1,40}?)\s*(?=$|[?!.,;]|\s+(?:and|but|or|was|were|is|did)\b)/giu;

// A pasted error or code ("... before initialization", "since: 'x'") names no event.
const CODE_LIKE = /[:'"`_(){}[\]<>=\\/]/;

export function eventAnchor(query: string): EventAnchor | null {
  if (CODE_LIKE.test(query)) return null;
  // The first "after X" that names an event: "right after we ship" is a situation (core/situation-clause.ts);
  // "after three months" is an amount of time, not an event either.
  const names = (m: RegExpMatchArray) => !describesSituation(`${m[2] ?? ''}${m[3]}`.trim().split(/\s+/)) && !DURATION.test(`${m[1]} ${m[3]}`);
  const match = [...query.matchAll(EVENT)].find(names);
  if (!match) return null;
  const word = match[1]!.toLowerCase();
  const direction = word === 'since' ? 'since' : word === 'after' ? 'after' : 'before';
  return { phrase: match[3]!, direction, rest: `${query.slice(0, match.index)} ${query.slice(match.index + match[0].length)}`.trim() };
}

/** Days after an event that "after X" still means: the fallout of a change shows in weeks. */
const AFTER_DAYS = 30;

export function anchorRange(anchor: Pick<EventAnchor, 'direction'>, at: number, asOf: Date): TimeRange {
  const day = startOfDay(at);
  const iso = (ms: number) => new Date(ms).toISOString();
  if (anchor.direction === 'before') return { to: iso(day) };
  if (anchor.direction === 'after') return { from: iso(day), to: iso(day + AFTER_DAYS * DAY_MS) };
  return { from: iso(day), to: iso(startOfDay(asOf.getTime()) + DAY_MS) };
}
