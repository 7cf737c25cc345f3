import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestEntries, firstScored, inScoreOrder } from '../../lib/services/score-order.js';

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

// Scores with many ties (pages brought in by their dates alone all score the same), zeros of both signs.
function scoresOf(random: () => number, n: number): number[] {
  const pool = [0.45, 0.45, 0.9, 1, -0, 0, 1e-9];
  return Array.from({ length: n }, () => (random() < 0.6 ? pool[Math.floor(random() * pool.length)]! : Math.round(random() * 100) / 50));
}

describe('ordering search candidates without sorting what is not read', () => {
  it('gives the best entries a stable sort by score gives, ties in insertion order', () => {
    const random = seeded(3);
    for (let i = 0; i < 400; i += 1) {
      const scores = new Map(scoresOf(random, 1 + Math.floor(random() * 300)).map((score, k) => [`p${k}`, score] as const));
      for (const n of [1, 10, 40]) assert.deepEqual(bestEntries(scores, n), [...scores].sort((a, b) => b[1] - a[1]).slice(0, n));
    }
    const withNaN = new Map([['a', 1], ['b', Number.NaN], ['c', 2]]);
    assert.deepEqual(bestEntries(withNaN, 2), [...withNaN].sort((a, b) => b[1] - a[1]).slice(0, 2));
  });

  it('yields the candidates in the full sort order, however far they are read', () => {
    const random = seeded(5);
    const compare = (a: { score: number; rel: string }, b: { score: number; rel: string }) => b.score - a.score || a.rel.localeCompare(b.rel);
    for (let i = 0; i < 300; i += 1) {
      const items = scoresOf(random, 1 + Math.floor(random() * 2000)).map((score, k) => ({ score, rel: `r${(k * 7919) % 1000}-${k}` }));
      const expected = [...items].sort(compare);
      const wanted = [1, 10, 40][i % 3]!;
      assert.deepEqual([...inScoreOrder([...items], compare, wanted)], expected);
      const firstFew: typeof items = [];
      for (const item of inScoreOrder([...items], compare, wanted)) if (firstFew.push(item) >= wanted) break;
      assert.deepEqual(firstFew, expected.slice(0, wanted));
    }
  });

  it('takes the first hits that scoring every candidate gives, scoring fewer of them', () => {
    type Item = { score: number; rel: string };
    const random = seeded(11);
    const compare = (a: Item, b: Item) => b.score - a.score || a.rel.localeCompare(b.rel);
    let scoredInAll = 0;
    let entriesInAll = 0;
    for (let i = 0; i < 600; i += 1) {
      const values = new Map<string, number>(scoresOf(random, 1 + Math.floor(random() * 400)).map((v, k) => [`r${(k * 7919) % 997}-${k}`, Math.abs(v)]));
      // Bad values now and then: the bound cannot be trusted, and every entry is scored.
      if (i % 50 === 7) values.set('nan', Number.NaN);
      if (i % 50 === 17) values.set('negative', -0.5);
      if (i % 50 === 27) values.set('infinite', Number.POSITIVE_INFINITY);
      const maxFactor = [1, 1.5, 1.5 * 1.35 * 1.3][i % 3]!;
      // Each entry's own factor, at most maxFactor and often exactly it (ties with the bound).
      const factorOf = new Map([...values.keys()].map((key) => [key, random() < 0.3 ? maxFactor : random() * maxFactor] as const));
      const notCandidate = new Set([...values.keys()].filter(() => random() < 0.1));
      const rejected = new Set([...values.keys()].filter(() => random() < 0.2));
      const score = (rel: string, value: number): Item | undefined => (notCandidate.has(rel) ? undefined : { rel, score: value * factorOf.get(rel)! });
      const limit = [0, 1, 3, 10, 40][i % 5]!;
      const expected: Item[] = [];
      for (const item of [...values].flatMap(([rel, value]) => score(rel, value) ?? []).sort(compare)) {
        if (expected.length >= limit) break;
        if (!rejected.has(item.rel)) expected.push(item);
      }
      let scored = 0;
      const counted = (rel: string, value: number) => {
        scored += 1;
        return score(rel, value);
      };
      assert.deepEqual(firstScored(values, (value) => value * maxFactor, counted, compare, limit, (item) => !rejected.has(item.rel)), expected);
      scoredInAll += scored;
      entriesInAll += values.size;
    }
    // The point of it: most entries are never scored.
    assert.ok(scoredInAll < entriesInAll / 2, `${scoredInAll} of ${entriesInAll} entries scored`);
  });

  it('puts an unscored entry that ties with the last hit where the full walk does', () => {
    type Item = { score: number; rel: string };
    const random = seeded(17);
    const compare = (a: Item, b: Item) => b.score - a.score || a.rel.localeCompare(b.rel);
    // Powers of two: a larger value with a smaller factor often scores exactly what a smaller
    // value with the largest factor is bounded by.
    const maxFactor = 1.5 * 1.35;
    for (let i = 0; i < 300; i += 1) {
      const values = new Map<string, number>(Array.from({ length: 100 + Math.floor(random() * 300) }, (_, k) => [`p${Math.floor(random() * 1e6)}-${k}`, random() < 0.3 ? 4 : 2 ** Math.floor(random() * 5 - 3)]));
      const factorOf = new Map([...values.keys()].map((key) => [key, maxFactor / (random() < 0.1 ? 1 : random() < 0.5 ? 2 : 4)] as const));
      const score = (rel: string, value: number): Item => ({ rel, score: value * factorOf.get(rel)! });
      const expected = [...values].map(([rel, value]) => score(rel, value)).sort(compare).slice(0, 10);
      assert.deepEqual(firstScored(values, (value) => value * maxFactor, score, compare, 10, () => true), expected);
    }
  });
});

