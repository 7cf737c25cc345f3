import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passageFocus } from '../../lib/core/best-passage.js';
import { lightStem, snippetFor } from '../../lib/core/snippet.js';
import { codePointCount, visitWordsStartingWith } from '../../lib/core/word-scan.js';

// The per-query patterns snippets and passage windows used before the scan: the reference.
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordPattern = (stems: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${stems.map(escape).join('|')})[\\p{L}\\p{N}]*`, 'giu');
const snippetPattern = (stems: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${stems.map(escape).join('|')})[\\p{L}\\p{N}]{0,6}(?![\\p{L}\\p{N}])`, 'giu');

function scanned(text: string, stems: string[]): Array<[string, number]> | null {
  const out: Array<[string, number]> = [];
  return visitWordsStartingWith(text, stems, (word, at) => void out.push([word, at])) ? out : null;
}

// Texts mixing what a wiki holds: ASCII words, accented and non-Latin letters, letters outside
// the BMP, digits in other scripts, punctuation, markdown, and the stems glued to all of them.
function randomText(random: () => number, stems: string[]): string {
  const pieces = ['deploy', 'Deploys', 'DEPLOYMENT', 'cache', 'cachés', 'éche', 'über', 'naïve', 'Ωcache', 'кэш', '日本cache', '𝐀cache', 'cache𝐀', '٣cache', 'x', '42', 'v2', '_cache', '-', ' ', '  ', '\n', '.', '[[', ']]', '**', '—', '’', 'é', '\u0301', 'İ', 'ß', 'ﬁ'];
  const words = [...pieces, ...stems, ...stems.map((s) => s.toUpperCase())];
  let text = '';
  const length = 5 + Math.floor(random() * 60);
  for (let i = 0; i < length; i += 1) text += words[Math.floor(random() * words.length)]!;
  return text;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('finding the words that start with a query stem', () => {
  it('finds exactly the words the Unicode pattern finds, at the same places', () => {
    const random = seeded(7);
    const stemSets = [['cach'], ['deploy', 'cach'], ['dep', 'deploy'], ['v2', 'x'], ['42'], ['ch', 'e']];
    let compared = 0;
    for (let i = 0; i < 3000; i += 1) {
      const stems = stemSets[i % stemSets.length]!;
      const text = randomText(random, stems);
      const expected = [...text.matchAll(wordPattern(stems))].map((m): [string, number] => [m[0], m.index]);
      const got = scanned(text, stems);
      assert.ok(got !== null, 'ASCII stems on a text without long s or Kelvin sign take the fast path');
      assert.deepEqual(got, expected, `text ${JSON.stringify(text)}, stems ${stems.join(',')}`);
      compared += expected.length;
    }
    assert.ok(compared > 5000, 'the texts hold many matches');
  });

  it('gives way to the full pattern when case folding could reach ASCII from elsewhere, or a stem is not plain ASCII', () => {
    assert.equal(scanned('the ſtatus page', ['status']), null);
    assert.equal(scanned('3 \u212Aelvin', ['kelvin']), null);
    assert.equal(scanned('café au lait', ['café']), null);
    assert.equal(scanned('node.js', ['node.js']), null);
    assert.deepEqual(scanned('nothing here', []), null);
  });

  it('only the long s and the Kelvin sign fold onto ASCII letters under the iu flags', () => {
    const folding: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      if (/[a-z0-9]/iu.test(char)) folding.push(char);
    }
    assert.deepEqual(folding, ['\u017f', '\u212a']);
  });

  it('counts code points, a letter outside the BMP as one', () => {
    assert.equal(codePointCount('abc'), 3);
    assert.equal(codePointCount('a𝐀b'), 3);
    assert.equal(codePointCount('\ud835'), 1);
  });
});

describe('snippets and passage windows through the scan', () => {
  it('give what the per-query Unicode patterns gave', () => {
    const random = seeded(11);
    const termSets = [['cache'], ['deploy', 'caching'], ['deployment', 'v2'], ['x', 'cache', 'deploys']];
    for (let i = 0; i < 1500; i += 1) {
      const terms = termSets[i % termSets.length]!;
      const stems = [...new Set(terms.map(lightStem))];
      const text = randomText(random, stems);
      // The snippet's candidates: a stem and a tail of at most six letters.
      const expected = [...text.matchAll(snippetPattern(stems))].map((m) => m.index);
      const hits: number[] = [];
      visitWordsStartingWith(text, stems, (word, at) => {
        if (stems.some((s) => word.slice(0, s.length).toLowerCase() === s && codePointCount(word.slice(s.length)) <= 6)) hits.push(at);
      });
      assert.deepEqual(hits, expected, JSON.stringify(text));
      const snippet = snippetFor(text, terms);
      if (expected.length === 0) assert.equal(snippet, null);
      // A long s at the end adds no match (no stem starts with s) and sends the page down the full pattern.
      const weighted = terms.map((term, k) => ({ term, weight: k + 1 }));
      assert.deepEqual(passageFocus(text, weighted, 4), passageFocus(`${text} ſ`, weighted, 4), JSON.stringify(text));
    }
  });

  it('still marks words in a page that holds a long s (the full pattern)', () => {
    assert.equal(snippetFor('the ſtatus of the deploy', ['deploy']), 'the ſtatus of the <mark>deploy</mark>');
  });
});
