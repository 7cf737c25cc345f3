import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorRange, eventAnchor, extractDates } from '../../lib/core/query-dates.js';
import { queryIntent, withoutOrderWords } from '../../lib/core/query-intent.js';
import { prepareFtsQuery, withoutTimeWords } from '../../lib/core/search-query.js';
import { inTimeRange, intentMultiplier, rankingSignals } from '../../lib/core/intent-ranking.js';
import { matchReason } from '../../lib/core/match-reason.js';

// A Monday: "last week" is 23-29 November, "yesterday" Sunday the 29th.
const asked = new Date('2026-11-30T12:00:00Z');
const day = (iso: string) => `${iso}T00:00:00.000Z`;

describe('time in a query, read against the day it is asked', () => {
  it('turns relative expressions into day ranges, keeping their words as text (a chat says "last week" too)', () => {
    assert.deepEqual(extractDates('what did we work on last week', asked).range, { from: day('2026-11-23'), to: day('2026-11-30') });
    assert.deepEqual(extractDates('sessions from yesterday', asked).range, { from: day('2026-11-29'), to: day('2026-11-30') });
    assert.deepEqual(extractDates('what broke two days ago', asked).range, { from: day('2026-11-28'), to: day('2026-11-29') });
    assert.deepEqual(extractDates('what changed in the last three days', asked).range, { from: day('2026-11-27'), to: day('2026-12-01') });
    const lastWeek = extractDates('what did we work on last week', asked);
    assert.match(lastWeek.rest, /last week/);
    assert.doesNotMatch(extractDates('what went wrong on 15 October 2026', asked).rest, /october|15/i, 'a calendar date becomes phrases instead');
    assert.deepEqual(lastWeek.clauses, [], 'no page says "23 november" because it was written that week');
  });

  it('reads a month without a year as the last one that has begun, and before/since as open ranges', () => {
    assert.deepEqual(extractDates('decisions made in May', asked).range, { from: day('2026-05-01'), to: day('2026-06-01') });
    assert.deepEqual(extractDates('the test runner before July', asked).range, { to: day('2026-07-01') });
    assert.deepEqual(extractDates('what changed since March', asked).range, { from: day('2026-03-01') });
    assert.deepEqual(extractDates('hiking in 2022', asked).range, { from: day('2022-01-01'), to: day('2023-01-01') });
  });

  it('leaves "now", a time of day and the verb "may" alone', () => {
    assert.equal(extractDates('which ORM do we use now', asked).range, undefined);
    assert.equal(extractDates('what did he say at 3 pm', asked).range, undefined);
    assert.equal(extractDates('you may visit the park', asked).range, undefined);
  });

  it('reads an event named instead of a date, but not a pasted error', () => {
    assert.deepEqual(eventAnchor('work done since the v2 release'), { phrase: 'v2 release', direction: 'since', rest: 'work done' });
    assert.equal(eventAnchor('database problems right after the migration')?.direction, 'after');
    assert.equal(eventAnchor("ReferenceError: Cannot access '__vi_import_0__' before initialization"), null);
    assert.equal(eventAnchor('what did we change after we moved the queue to Postgres')?.phrase, 'moved the queue to Postgres', 'a past event');
    const at = Date.parse('2026-08-12T15:00:00Z');
    assert.deepEqual(anchorRange({ direction: 'after' }, at, asked), { from: day('2026-08-12'), to: day('2026-09-11') });
    assert.deepEqual(anchorRange({ direction: 'before' }, at, asked), { to: day('2026-08-12') });
    assert.deepEqual(anchorRange({ direction: 'since' }, at, asked), { from: day('2026-08-12'), to: day('2026-12-01') });
  });

  it('reads a clause describing a situation, and an amount of time, as no date at all', () => {
    // What tends to happen whenever something is done is not one moment the wiki can date.
    assert.equal(eventAnchor('the cache goes cold right after we redeploy'), null);
    assert.equal(eventAnchor('which checks must pass before you merge'), null);
    assert.equal(eventAnchor('disk fills up until it restarts'), null);
    assert.equal(eventAnchor('what to verify before a hotfix goes out'), null);
    assert.equal(eventAnchor('emails bounce after every newsletter'), null);
    // "after three weeks" says how long, not when: chrono reads it as days ahead of the question.
    assert.equal(extractDates('the token stops working after three weeks', asked).range, undefined);
    assert.equal(extractDates('invoices get archived after 90 days', asked).range, undefined);
    assert.equal(eventAnchor('invoices get archived after 90 days'), null);
    assert.equal(extractDates('sessions within a fortnight', asked).range, undefined);
    // Real anchors stay.
    assert.equal(eventAnchor('errors since the checkout rewrite')?.phrase, 'checkout rewrite');
    assert.equal(eventAnchor('what did we fix before the launch')?.direction, 'before');
    assert.equal(eventAnchor('what broke since we have moved to Postgres')?.direction, 'since');
    assert.equal(eventAnchor('what broke after we finally migrated')?.direction, 'after');
    assert.deepEqual(extractDates('what broke in the past two weeks', asked).range, { from: day('2026-11-16'), to: day('2026-12-01') });
  });

  it('counts a page as in range by its created or updated date', () => {
    const range = { from: day('2026-11-23'), to: day('2026-11-30') };
    assert.equal(inTimeRange({ created: '2026-11-01', updated: '2026-11-24T10:00:00Z' }, range), true);
    assert.equal(inTimeRange({ created: '2026-11-30T08:00:00Z' }, range), false);
    assert.equal(inTimeRange({}, range), false);
  });
});

describe('query intent', () => {
  it('reads the kind of page a question wants, as a boost', () => {
    assert.ok((queryIntent('why did we choose Fastify').kinds.decision ?? 1) > 1);
    assert.ok((queryIntent('how do I rotate the webhook secret').kinds.procedure ?? 1) > 1);
    assert.ok((queryIntent("TypeError: amount.toFixed is not a function").kinds.gotcha ?? 1) > 1);
    assert.ok((queryIntent('sessions from yesterday').kinds.session ?? 1) > 1);
    assert.deepEqual(queryIntent('stripe webhook signature').kinds, {});
    for (const q of ['what went wrong on the 15th', 'the deploy is broken', 'outage last night', 'the rounding bug']) {
      assert.ok((queryIntent(q).kinds.gotcha ?? 1) > 1 && (queryIntent(q).kinds.session ?? 1) > 1, q);
    }
  });

  it('takes the words that asked for an order or a kind out of the text, and relative time words once dates answer them', () => {
    assert.deepEqual(queryIntent('the most recent session').named, ['session']);
    assert.equal(withoutOrderWords('the most recent session about billing').replace(/\s+/g, ' ').trim(), 'about billing');
    assert.equal(withoutOrderWords('latest decision on auth').replace(/\s+/g, ' ').trim(), 'on auth');
    const prepared = prepareFtsQuery('what did we do this week on billing', asked);
    assert.ok(prepared.terms.includes('week'), 'kept for chats whose pages are not dated');
    const stripped = withoutTimeWords('what did we do this week on billing', prepared, asked);
    assert.deepEqual(stripped.terms, ['billing']);
    assert.deepEqual(stripped.range, prepared.range, 'the days stay');
  });

  it('tells a question about now from one about the past, and latest from first', () => {
    assert.equal(queryIntent('are we still on Lucia').current, true);
    assert.equal(queryIntent('what was the hosting before October').past, true);
    assert.equal(queryIntent('most recent session').order, 'newest');
    assert.equal(queryIntent('earliest decision about auth').order, 'oldest');
    // "the first <thing> we <did>" asks for the oldest such page, and so about history.
    for (const q of ['the first message broker we tried', 'what was the first hosting provider they used']) {
      assert.equal(queryIntent(q).order, 'oldest', q);
      assert.equal(queryIntent(q).past, true, q);
      assert.doesNotMatch(withoutOrderWords(q, false), /first/, q);
    }
    for (const q of ['which CI service did we use originally', 'what database did we run at the very beginning', 'at first we hosted it where']) assert.equal(queryIntent(q).order, 'oldest', q);
    assert.equal(queryIntent('what runs at the start of each request').order, undefined);
    assert.equal(queryIntent('first aid kit location').order, undefined, '"first" as part of a name');
    assert.equal(queryIntent('run the migration first').order, undefined);
  });

  it('never drops a page: out of range and wrong kind only lower it, and the reason names what moved it', () => {
    const intent = queryIntent('decisions made in May');
    const range = { from: day('2026-05-01'), to: day('2026-06-01') };
    const inMay = intentMultiplier({ kind: 'decision', created: '2026-05-06', supersedes: [] }, intent, { range, rangeInScope: true });
    const later = intentMultiplier({ kind: 'session', created: '2026-08-01', supersedes: [] }, intent, { range, rangeInScope: true });
    assert.ok(inMay.factor > later.factor && later.factor > 0);
    assert.equal(matchReason({ fields: ['title'], ...rankingSignals(inMay.signals, range) }), 'title; dated 2026-05-01 to 2026-05-31; a decision, as asked');
    const noPageInRange = intentMultiplier({ kind: 'session', created: '2026-08-01', supersedes: [] }, intent, { range, rangeInScope: false });
    assert.equal(noPageInRange.factor, 1, 'dates that match no page of the scope say nothing');
  });
});
