/**
 * The words of a text that begin with one of a query's stems, as the pattern
 * `/(?<![\p{L}\p{N}])(?:stem|stem2|...)[\p{L}\p{N}]*​/giu` finds them (a word is a run of letters
 * and digits; the match is the whole word), without compiling that pattern for each query.
 *
 * V8 compiles a regular expression per source text, and one with `\p{L}` under the `iu` flags
 * costs ~0.1 ms to compile and a slow first (interpreted) run: snippets and passage windows,
 * whose patterns hold each query's own stems, paid that on every search (about a fifth of a
 * query on the 10k bench). Here the per-query pattern is plain ASCII (cheap to compile) and only
 * finds where a stem occurs; the Unicode rules (what is a letter, where a word ends) come from
 * two constant patterns compiled once.
 *
 * Exact only when every stem is ASCII letters and digits and the text holds neither U+017F
 * (long s) nor U+212A (Kelvin sign), the only characters that Unicode case folding (`iu`) maps
 * onto ASCII letters (test/core/word-scan.test.ts checks every code point): then `null` says to
 * use the full pattern instead.
 */

const WORD_REST = /[\p{L}\p{N}]*/uy;
const ENDS_WITH_WORD_CHAR = /[\p{L}\p{N}]$/u;
const FOLDS_TO_ASCII = /[\u017f\u212a]/;
const ASCII_STEM = /^[a-z0-9]+$/;

/**
 * Calls `visit` with each such word and where it starts, in order, until it returns true.
 * Returns false when the fast path cannot promise the pattern's matches (see above), having
 * visited nothing.
 */
export function visitWordsStartingWith(text: string, stems: readonly string[], visit: (word: string, at: number) => boolean | void): boolean {
  if (stems.length === 0 || !stems.every((stem) => ASCII_STEM.test(stem)) || FOLDS_TO_ASCII.test(text)) return false;
  // Longest first, like an alternation would try them; which stem matched does not change the word.
  const finder = new RegExp(stems.join('|'), 'gi');
  for (let found = finder.exec(text); found !== null; found = finder.exec(text)) {
    const at = found.index;
    WORD_REST.lastIndex = at;
    WORD_REST.exec(text);
    const end = WORD_REST.lastIndex;
    // Every position up to the end of this word follows a letter or digit: none starts a word.
    finder.lastIndex = Math.max(end, at + 1);
    if (at > 0 && ENDS_WITH_WORD_CHAR.test(text.slice(Math.max(0, at - 2), at))) continue;
    if (visit(text.slice(at, end), at) === true) break;
  }
  return true;
}

/** How many code points a string holds (a letter outside the BMP is two UTF-16 units, one code point). */
export function codePointCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}
