import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { termMatcher } from '../../lib/core/snippet.js';
import { authorityMultiplier } from '../../lib/core/ranking.js';

/** termMatcher as it was before it turned words down by their first character: the reference. */
function matcherAsBefore(terms: readonly string[]): (word: string) => boolean {
  const stem = (word: string) => {
    const lower = word.toLowerCase();
    const stripped = lower.replace(/(?:ations?|ings?|edly|ed|es|s|ly|ers?)$/u, '').replace(/e$/u, '');
    return stripped.length >= 3 ? stripped : lower;
  };
  const wanted = terms.filter((t) => t.length > 0).map((t) => t.toLowerCase());
  const stems = new Set(wanted.map(stem));
  const prefixes = wanted.filter((t) => t.length >= 4);
  return (word) => stems.has(stem(word)) || prefixes.some((p) => word.toLowerCase().startsWith(p) && word.toLowerCase().length - p.length <= 4);
}

// Letters whose case mapping is unusual: İ lowercases to two characters, the Kelvin sign to an
// ASCII k, final sigma depends on its place, ß has no one-letter upper case.
const LETTERS = ['a', 'c', 'd', 'e', 'i', 'k', 's', 'E', 'D', 'K', 'S', 'İ', 'ı', '\u212a', 'Σ', 'σ', 'ς', 'ß', 'é', 'É', '𝒜', '1'];
const word = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 9 }).map((l) => l.join(''));
const SUFFIXES = ['', 's', 'es', 'ed', 'ing', 'ings', 'ation', 'ers', 'ly', 'edly', 'e', 'x'];

// Snippets, highlighting and a hit's matched fields all ask this of every word they scan: the
// quick refusal must never turn down a word the full check accepts.
test('the term matcher accepts exactly the words it accepted before, whatever their case or script', () => {
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(word, fc.constantFrom(...SUFFIXES)), { maxLength: 30 }), (terms, words) => {
      const now = termMatcher(terms);
      const before = matcherAsBefore(terms);
      // Words built from the terms themselves, so that matches are common, and free ones.
      const candidates = [...terms.flatMap((t) => SUFFIXES.map((s) => `${t}${s}`)), ...terms.map((t) => t.toUpperCase()), ...words.map(([w, s]) => `${w}${s}`)];
      for (const candidate of candidates) assert.equal(now(candidate), before(candidate), `${JSON.stringify(terms)} / ${candidate}`);
    }),
    { numRuns: 500 },
  );
  assert.equal(termMatcher(['decision'])('Decisions'), true);
  assert.equal(termMatcher(['kelvin'])('\u212aELVIN'), true);
});

const page = (tags: string[]) => ({ kind: 'note' as const, tier: 'semantic' as const, pinned: false, path: 'notes/x.md', tags });

test('a canonical or historical tag counts in any letter case, and other tags never do', () => {
  const plain = authorityMultiplier(page([]));
  assert.equal(authorityMultiplier(page(['CANONICAL'])), authorityMultiplier(page(['canonical'])));
  assert.equal(authorityMultiplier(page(['Source-Of-Truth'])), plain + 0.2);
  assert.equal(authorityMultiplier(page(['HISTORICAL'])), Math.min(plain, 0.8));
  assert.ok(authorityMultiplier(page(['canonical'])) > plain);
  for (const other of ['canonicals', 'canon', 'historic', 'İcanonical', 'source of truth', '']) assert.equal(authorityMultiplier(page([other])), plain, other);
});
