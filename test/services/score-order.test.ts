import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestEntries, inScoreOrder } from '../../lib/services/score-order.js';

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
});
