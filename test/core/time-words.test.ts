import assert from 'node:assert/strict';
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

describe('the check that lets a query skip the date parser', () => {
  it('says yes for every phrasing of chrono-node\'s dictionaries that chrono reads a date or time in', () => {
    const missed = phrasings().filter((q) => chronoFinds(q) && !mayNameTime(q));
    assert.deepEqual(missed, [], 'these would lose their dates');
  });

  it('says yes for every bench and recall question chrono reads a date in, and skips the parser for most others', () => {
    const queries = [...buildQueries(500, 50_000), ...QUESTIONS.map((q) => q.q)];
    const missed = queries.filter((q) => chronoFinds(q) && !mayNameTime(q));
    assert.deepEqual(missed, []);
    const skipped = buildQueries(200, 10_000).filter((q) => !mayNameTime(q)).length;
    assert.ok(skipped > 100, `only ${skipped} of 200 bench queries skip the parser`);
  });

  it('lets a plain question through without the parser, and sends anything with a digit or a time word to it', () => {
    assert.equal(mayNameTime('how does the cache handle eviction?'), false);
    assert.equal(mayNameTime('where did we leave the billing export work'), false);
    assert.equal(mayNameTime('release v2'), true);
    assert.equal(mayNameTime('what broke two days ago'), true);
    assert.equal(mayNameTime('what did we decide LastWeek'), true);
    assert.equal(mayNameTime('due in a few h'), true);
  });
});
