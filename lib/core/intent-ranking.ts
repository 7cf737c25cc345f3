import type { HitSignals } from './match-reason.js';
import type { PageKind } from './page.js';
import type { TimeRange } from './query-dates.js';
import type { QueryIntent } from './query-intent.js';

/**
 * How a query's time, kind and "current/past" wording move a page, and the record of what
 * moved it (so a hit can say why it ranked where it did). Multipliers on the fused relevance,
 * never filters: a page outside the asked-for days or of another kind can still win on words.
 */
export const TIME = {
  /** Relevance given to a page dated in the asked-for days that holds none of the query's words. */
  dateOnly: 0.45,
  /** Added to a text match dated in the asked-for days. */
  inRange: 0.45,
  /** Multiplier for a page dated outside them, when some page of the scope is inside. */
  outOfRange: 0.1,
  /** A range holding more than this share of the scope's pages says nothing and is ignored. */
  maxShare: 0.5,
  /** "latest" / "first": the newest (oldest) candidate gains this much, the others in proportion. */
  order: 0.8,
} as const;

/** A page that replaces another, for a "current" / "still" / "now" question. */
export const CURRENT_BOOST = 1.3;

export interface DatedPage {
  kind: PageKind;
  created?: string;
  updated?: string;
  /** Pages it supersedes. */
  supersedes: readonly string[];
}

export interface RankSignals {
  /** Dated within the days the query asked about. */
  inRange?: boolean;
  /** The query asked for this kind of page. */
  kind?: PageKind;
  /** The end of a supersession chain, for a question about the current state. */
  current?: boolean;
  /** Ranked by its date for a "latest" / "first" question. */
  order?: 'newest' | 'oldest';
  /** Found by the words other pages link to it with, or its aliases (index/vocabulary.ts). */
  vocabulary?: boolean;
  /** Found by a word related to one of the query's (core/related-words.ts: "secret" for "password"). */
  synonym?: boolean;
  /** Found by the title of a page that the wiki also calls by a query word (services/wiki-names.ts). */
  wikiName?: { term: string; title: string };
}

/** The page's dates as milliseconds (created and last updated; a session's start and end). */
export function pageTimes(page: Pick<DatedPage, 'created' | 'updated'>): number[] {
  return [page.created, page.updated].map((d) => (d ? parseTime(d) : NaN)).filter((t) => Number.isFinite(t));
}

export function inTimeRange(page: Pick<DatedPage, 'created' | 'updated'>, range: TimeRange): boolean {
  const from = range.from ? parseTime(range.from) : -Infinity;
  const to = range.to ? parseTime(range.to) : Infinity;
  return pageTimes(page).some((t) => t >= from && t < to);
}

// A question about days checks every page of the scope (50k at scale): their dates are a few
// hundred distinct strings, each parsed once instead of once per page and question.
const parsedTimes = new Map<string, number>();
const PARSED_TIMES_KEPT = 4096;

function parseTime(date: string): number {
  let time = parsedTimes.get(date);
  if (time === undefined) {
    if (parsedTimes.size >= PARSED_TIMES_KEPT) parsedTimes.clear();
    parsedTimes.set(date, (time = Date.parse(date)));
  }
  return time;
}

/**
 * The multiplier for one candidate and the signals that set it. `rangeInScope` is false when
 * no page of the searched scope falls in the range (a question about 2023 on a wiki written
 * in 2026): the dates then say nothing and nothing is penalised.
 */
export function intentMultiplier(
  page: DatedPage,
  intent: QueryIntent,
  time: { range?: TimeRange; rangeInScope: boolean; span?: { oldest: number; newest: number } },
): { factor: number; signals: RankSignals } {
  const signals: RankSignals = {};
  let factor = 1;
  const kindBoost = intent.kinds[page.kind];
  if (kindBoost !== undefined && kindBoost > 1) {
    factor *= kindBoost;
    signals.kind = page.kind;
  }
  if (time.range && time.rangeInScope) {
    if (inTimeRange(page, time.range)) signals.inRange = true;
    else factor *= TIME.outOfRange;
  }
  if (intent.current && page.supersedes.length > 0) {
    factor *= CURRENT_BOOST;
    signals.current = true;
  }
  if (intent.order && time.span && time.span.newest > time.span.oldest) {
    const latest = Math.max(...pageTimes(page), time.span.oldest);
    const position = (latest - time.span.oldest) / (time.span.newest - time.span.oldest);
    factor *= 1 + TIME.order * (intent.order === 'newest' ? position : 1 - position);
    signals.order = intent.order;
  }
  return { factor, signals };
}

/**
 * The largest `intentMultiplier` any page can get for this intent, when it asks for no date
 * order (that factor depends on every candidate's dates): the largest kind boost, times the
 * chain-end boost of a "current" question. A range only ever lowers a page.
 */
export function maxIntentMultiplier(intent: QueryIntent): number {
  let factor = 1;
  for (const boost of Object.values(intent.kinds)) if (boost !== undefined && boost > factor) factor = boost;
  if (intent.current) factor *= CURRENT_BOOST;
  return intent.order ? Infinity : factor;
}

/**
 * The ranking's slots of a hit's match record (core/match-reason.ts), which `reason` renders:
 * the days it was dated in or the date order it won by, and the kind the query asked for. A
 * chain end's "replaces X" is filled by the hit shaping for every page that supersedes one.
 */
export function rankingSignals(signals: RankSignals, range?: TimeRange): Partial<HitSignals> {
  const out: Partial<HitSignals> = {};
  const time = [signals.inRange && range ? `dated ${describeRange(range)}` : null, signals.order ? (signals.order === 'newest' ? 'most recent' : 'earliest') : null].filter(Boolean);
  if (time.length > 0) out.time = time.join(', ');
  if (signals.kind) out.asked = `a ${signals.kind}, as asked`;
  if (signals.vocabulary) out.linkText = true;
  if (signals.synonym) out.synonym = true;
  if (signals.wikiName) out.wikiName = signals.wikiName;
  return out;
}

function describeRange(range: TimeRange): string {
  const day = (iso: string) => iso.slice(0, 10);
  const last = (iso: string) => new Date(Date.parse(iso) - 1).toISOString().slice(0, 10);
  if (range.from && range.to) return day(range.from) === last(range.to) ? `on ${day(range.from)}` : `${day(range.from)} to ${last(range.to)}`;
  if (range.from) return `since ${day(range.from)}`;
  return `before ${day(range.to!)}`;
}
