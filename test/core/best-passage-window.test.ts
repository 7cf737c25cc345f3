import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { passageFocus, stemOf } from '../../lib/core/best-passage.js';

/** The best window's share as it was computed before (summed again at every hit): the reference. */
function windowAsBefore(text: string, terms: ReadonlyArray<{ term: string; weight: number }>, windowWords: number): number {
  const stems = [...new Set(terms.map((t) => t.term.toLowerCase()))].sort((a, b) => b.length - a.length);
  const index = new Map(terms.map((t, i) => [t.term.toLowerCase(), i] as const).reverse());
  const hits = [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])(?:${stems.join('|')})[\\p{L}\\p{N}]*`, 'giu'))].map((m) => ({
    at: m.index,
    term: index.get(stems.find((s) => m[0].toLowerCase().startsWith(s))!)!,
  }));
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  const share = (set: Iterable<number>) => [...set].reduce((sum, i) => sum + terms[i]!.weight, 0) / total;
  const counts = new Map<number, number>();
  let best = 0;
  let start = 0;
  for (let end = 0; end < hits.length; end++) {
    counts.set(hits[end]!.term, (counts.get(hits[end]!.term) ?? 0) + 1);
    while (hits[end]!.at - hits[start]!.at >= windowWords * 6.5) {
      const t = hits[start]!.term;
      const n = counts.get(t)! - 1;
      if (n === 0) counts.delete(t);
      else counts.set(t, n);
      start += 1;
    }
    best = Math.max(best, share(counts.keys()));
  }
  return best;
}

// Words no stemming changes, so the reference needs no stemmer; weights with fractions whose
// sums depend on their order, so a share summed in another order would show.
const TERMS = ['alpha', 'bravo', 'delta', 'kilo', 'zulu'];
const term = fc.record({ term: fc.constantFrom(...TERMS), weight: fc.constantFrom(0.1, 0.2, 0.7, 1, 1.3, 2.9) });
const word = fc.constantFrom(...TERMS, 'x', 'filler', 'other', 'words', 'Alpha', 'DELTA');

// A long page's score depends on its best window: the same window share as before, for any text.
test('the best window holds the same share of the query as when it was summed at every hit', () => {
  fc.assert(
    fc.property(fc.array(term, { minLength: 2, maxLength: 5 }), fc.array(word, { maxLength: 300 }), fc.constantFrom(2, 5, 30), (terms, words, windowWords) => {
      const text = words.join(' ');
      assert.equal(passageFocus(text, terms, windowWords).window, windowAsBefore(text, terms, windowWords));
    }),
    { numRuns: 500 },
  );
});

// The wiki's other names turn a link's words down when they hold no query stem's start
// (services/wiki-names.ts): that is exact only if a stem but its last letter starts its word.
test("a word starts with its stem but the stem's last letter", () => {
  const letters = fc.constantFrom('a', 'e', 'i', 's', 'd', 'n', 'g', 'y', 't', 'l', 'é', 'ß', '7');
  const endings = fc.constantFrom('', 's', 'ss', 'es', 'ies', 'ied', 'ed', 'ing', 'e', 'tt', 'll', 'yy', 'yies', 'eed');
  fc.assert(
    fc.property(fc.array(letters, { minLength: 1, maxLength: 8 }), endings, (stem, ending) => {
      const word = `${stem.join('')}${ending}`;
      assert.ok(word.startsWith(stemOf(word).slice(0, -1)), `${word} -> ${stemOf(word)}`);
    }),
    { numRuns: 2000 },
  );
});
