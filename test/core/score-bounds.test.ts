import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intentMultiplier, maxIntentMultiplier } from '../../lib/core/intent-ranking.js';
import { PAGE_KINDS, TIERS } from '../../lib/core/page.js';
import { queryIntent } from '../../lib/core/query-intent.js';
import { authorityMultiplier, MAX_AUTHORITY } from '../../lib/core/ranking.js';

// Search scores only the candidates that could reach the first hits (services/score-order.ts),
// bounded by these two maxima: a page scoring above them would be missed.

const QUESTIONS = [
  'kapeka handle',
  'why did we choose postgres',
  'how do I deploy the decision service',
  'we must always rotate keys',
  'error: ECONNRESET in the gotchas',
  'what did we work on in the last session',
  'what is the current hosting decision',
  'the rules and procedures we still use now',
  'which decisions and gotchas failed before the migration',
  'is the glossary concept still current, why, and how to apply the rule',
];

describe('the bounds of a candidate score', () => {
  it('no page gets a larger intent multiplier than the query allows', () => {
    const range = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };
    for (const question of QUESTIONS) {
      const intent = queryIntent(question);
      const max = maxIntentMultiplier(intent);
      for (const kind of PAGE_KINDS) {
        for (const supersedes of [[], ['decisions/old.md']]) {
          for (const created of [undefined, '2026-01-15T00:00:00.000Z', '2025-06-01T00:00:00.000Z']) {
            for (const time of [{ rangeInScope: false }, { range, rangeInScope: true }, { range, rangeInScope: false }]) {
              const { factor } = intentMultiplier({ kind, supersedes, ...(created ? { created } : {}) }, intent, time);
              assert.ok(factor <= max, `${question} / ${kind}: ${factor} > ${max}`);
            }
          }
        }
      }
    }
    // Some of these questions raise pages above 1, so the bound is not trivially met.
    assert.ok(QUESTIONS.some((q) => maxIntentMultiplier(queryIntent(q)) > 1.5));
  });

  it('a question asking for date order has no bound: every candidate is scored', () => {
    assert.equal(maxIntentMultiplier(queryIntent('the latest handoff')), Number.POSITIVE_INFINITY);
    assert.equal(maxIntentMultiplier(queryIntent('the first decision we made')), Number.POSITIVE_INFINITY);
  });

  it('no page gets a larger authority multiplier than MAX_AUTHORITY', () => {
    let largest = 0;
    for (const kind of PAGE_KINDS) {
      for (const tier of TIERS) {
        for (const pinned of [false, true]) {
          for (const tags of [[], ['canonical'], ['Source-Of-Truth', 'canonical'], ['historical'], ['canonical', 'historical']]) {
            largest = Math.max(largest, authorityMultiplier({ kind, tier, pinned, path: 'decisions/a.md', tags }));
          }
        }
      }
    }
    assert.ok(largest <= MAX_AUTHORITY);
    assert.equal(largest, MAX_AUTHORITY, 'the bound is reached: it is the true maximum, not a loose one');
  });
});
