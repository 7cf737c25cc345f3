import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as chrono from 'chrono-node/en';
import { mayNameTime } from '../../lib/core/time-words.js';
import { buildQueries } from '../../bench/queries.js';
import { QUESTIONS } from '../../bench/recall/questions.js';

const asOf = new Date('2026-11-30T12:00:00Z');
const chronoFinds = (q: string) => chrono.parse(q, { instant: asOf, timezone: 'UTC' }).length > 0;

// chrono-node's English words (its locales/en/constants.ts and parsers), as a person types them.
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'sun', 'monday', 'mon', 'tuesday', 'tue', 'tues', 'wednesday', 'wed', 'thursday', 'thurs', 'thur', 'thu', 'friday', 'fri', 'saturday', 'sat'];
const CASUAL = ['now', 'today', 'tonight', 'tomorrow', 'overmorrow', 'tmr', 'tmrw', 'yesterday', 'last night', 'morning', 'this morning', 'afternoon', 'evening', 'night', 'midnight', 'midday', 'noon', 'end of month', 'last day of the month'];
const UNITS = ['s', 'sec', 'second', 'seconds', 'm', 'min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours', 'd', 'day', 'days', 'w', 'week', 'weeks', 'mo', 'mon', 'mos', 'month', 'months', 'qtr', 'quarter', 'quarters', 'y', 'yr', 'year', 'years'];
const NUMBERS = ['one', 'two', 'three', 'twelve', 'a', 'an', 'the', 'few', 'a few', 'several', 'half an', 'half a', 'a couple of', 'couple'];
const RELATIVE = ['this', 'last', 'past', 'next', 'after', 'within', 'in', 'for', 'about', 'around', '+', '-'];
const AFTER = ['ago', 'before', 'earlier', 'later', 'from now', 'out', ''];

/** Each word alone, glued to and spaced from what chrono reads before and after it, in a sentence. */
function phrasings(): string[] {
  const out = new Set<string>();
  const inSentence = (text: string) => [text, `what did we do ${text}`, `${text} deploy failed`, `the cache ${text}?`, text.toUpperCase()];
  for (const word of [...MONTHS, ...WEEKDAYS, ...CASUAL]) {
    for (const before of ['', 'in ', 'on ', 'since ', 'last ', 'next ', 'this ', 'early ', 'the first of ', 'in', 'on', 'last']) inSentence(`${before}${word}`).forEach((t) => out.add(t));
  }
  for (const unit of UNITS) {
    for (const number of NUMBERS) {
      for (const relative of RELATIVE) for (const after of AFTER) inSentence(`${relative} ${number} ${unit} ${after}`.trim()).forEach((t) => out.add(t));
      out.add(`within ${number}${unit}`);
      out.add(`${number}${unit} ago`);
    }
    for (const relative of RELATIVE) {
      out.add(`${relative} ${unit}`);
      out.add(`${relative}${unit}`);
    }
  }
  return [...out];
}

// The check before this one: any of these inside a word sent the query to the parser, so
// "junloix" (a made-up name holding "jun") did; kept to show the present check skips only
// queries chrono reads nothing in.
const OLD_LONG = /now|today|tonight|tomorrow|overmorrow|tmr|yesterday|night|morning|afternoon|evening|noon|midday|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat|sec|min|hrs|hour|day|week|mos|month|qtr|quarter|year/;
const OLD_SHORT = /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|the|few|several|couple|of|half|an|a|about|around|this|last|past|next|after|within|in|for|roughly|approximately|just|and)*(?:s|m|h|d|w|y|mo|hr|yr)$/;
function oldMayNameTime(query: string): boolean {
  if (/[0-9]/.test(query)) return true;
  return query.replace(/[A-Z]+/g, (l) => l.toLowerCase()).split(/[^a-z0-9_]+/).some((w) => w !== '' && (OLD_LONG.test(w) || OLD_SHORT.test(w)));
}

/** Every key of chrono's English dictionaries, read from the installed package's own source. */
function chronoDictionaryWords(): string[] {
  const entry = createRequire(import.meta.url).resolve('chrono-node/en');
  const constants = readFileSync(path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'dist/esm/locales/en/constants.js'), 'utf8');
  const words = new Set<string>();
  for (const name of ['WEEKDAY_DICTIONARY', 'FULL_MONTH_NAME_DICTIONARY', 'MONTH_DICTIONARY', 'TIME_UNIT_DICTIONARY']) {
    const body = constants.slice(constants.indexOf(`${name} = {`)).split('};')[0]!;
    for (const m of body.matchAll(/^\s*"?([a-z.]+)"?\s*:/gm)) words.add(m[1]!.replace(/\.$/, ''));
  }
  assert.ok(words.size > 60, `read only ${words.size} words from chrono's constants`);
  return [...words];
}

/** Words glued on either side of chrono's words, the way made-up names and typos hold them. */
function gluedPhrasings(): string[] {
  const out = new Set<string>();
  const extra = ['weekend', 'weekday', 'midnight', 'tmrw', 'tonight', 'yesterday', 'noon', 'last night', 'end of month'];
  for (const word of [...chronoDictionaryWords(), ...extra]) {
    for (const before of ['', 'dor', 'x', 'in', 'on', 'last', 'this', 'few', 'two', 'a few ', 'the ', 'within ', 'next ']) {
      for (const after of ['', 'ix', 's', 'ish', 'ly', 'ago', ' ago', 'later', ' later', 'out', 'forward', 'henceforth', ' from now', 'before', 'earlier', 'after', ' lastweek', ' last week', ',', '.', ')']) {
        out.add(`${before}${word}${after}`);
        out.add(`where did we leave the ${before}${word}${after} work`);
      }
    }
  }
  return [...out];
}

describe('the check that lets a query skip the date parser', () => {
  it('skips the parser only where chrono reads nothing, with chrono\'s words glued on either side', () => {
    const phrasings = gluedPhrasings();
    const missed = phrasings.filter((q) => chronoFinds(q) && !mayNameTime(q));
    assert.deepEqual(missed, [], 'these would lose their dates');
    // Each query the check now skips that the check before it sent to the parser reads nothing there.
    const queries = [...phrasings, ...buildQueries(1_000, 10_000), ...buildQueries(500, 50_000), ...QUESTIONS.map((q) => q.q)];
    const newlySkipped = queries.filter((q) => oldMayNameTime(q) && !mayNameTime(q));
    assert.ok(newlySkipped.length > 300, `only ${newlySkipped.length} queries newly skipped`);
    assert.deepEqual(newlySkipped.filter(chronoFinds), []);
    // It sends to the parser only a unit glued to the word after it ("fewhago") that the check
    // before it skipped (it read a short unit as a whole word only).
    assert.deepEqual(queries.filter((q) => mayNameTime(q) && !oldMayNameTime(q) && !/[smhdwyro]s?(ago|before|earlier|later|after|henceforth|forward|out)\b/.test(q)), []);
  });

  it('says yes for every phrasing of chrono-node\'s dictionaries that chrono reads a date or time in', () => {
    const missed = phrasings().filter((q) => chronoFinds(q) && !mayNameTime(q));
    assert.deepEqual(missed, [], 'these would lose their dates');
  });

  it('says yes for every bench and recall question chrono reads a date in, and skips the parser for most others', () => {
    const queries = [...buildQueries(500, 50_000), ...QUESTIONS.map((q) => q.q)];
    const missed = queries.filter((q) => chronoFinds(q) && !mayNameTime(q));
    assert.deepEqual(missed, []);
    const skipped = buildQueries(200, 10_000).filter((q) => !mayNameTime(q)).length;
    assert.ok(skipped > 170, `only ${skipped} of 200 bench queries skip the parser`);
  });

  it('lets a plain question through without the parser, and sends anything with a digit or a time word to it', () => {
    assert.equal(mayNameTime('how does the cache handle eviction?'), false);
    assert.equal(mayNameTime('where did we leave the billing export work'), false);
    assert.equal(mayNameTime('release v2'), true);
    assert.equal(mayNameTime('what broke two days ago'), true);
    assert.equal(mayNameTime('what did we decide LastWeek'), true);
    assert.equal(mayNameTime('due in a few h'), true);
    // A made-up name holding a month or weekday inside it is no date; one ending with it may be.
    assert.equal(mayNameTime('how does the junloix handle mondayish?'), false);
    assert.equal(mayNameTime('the dorjun cache'), true);
  });
});
