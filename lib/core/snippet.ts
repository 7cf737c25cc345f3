/**
 * Snippets are HTML: `<mark>` around matches, everything else escaped, so any client can insert
 * them as-is. Matches are first delimited with private-use characters that no page contains,
 * then the text is escaped, then the delimiters become tags.
 */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function markedToHtml(marked: string): string {
  return escapeHtml(collapse(marked))
    .replaceAll(MARK_OPEN, '<mark>')
    .replaceAll(MARK_CLOSE, '</mark>');
}

/** A short plain description of a page: its summary, else the start of its prose. */
export function describe(body: string, summary: string | undefined, maxChars = 240): string {
  const source = summary && summary.trim() !== '' ? summary : proseOf(body);
  const text = collapse(source);
  return text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;
}

/** Wraps the words that match the query terms in marks and returns safe HTML. */
export function highlight(text: string, terms: readonly string[]): string {
  const matches = termMatcher(terms);
  return markedToHtml(text.replace(/[\p{L}\p{N}]+/gu, (word) => (matches(word) ? `${MARK_OPEN}${word}${MARK_CLOSE}` : word)));
}

function proseOf(body: string): string {
  return body
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, ' ')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line) && !/^\s*[-*]\s+\*\*[^*]+:\*\*/.test(line))
    .join(' ')
    .replace(/[*_`>#[\]]+/g, '')
    .slice(0, 2000);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * A light stemmer for highlighting only (the index itself uses FTS5's porter stemmer): enough
 * that "decisions", "deploying" and "cached" light up for "decision", "deploy" and "cache".
 */
export function lightStem(word: string): string {
  const lower = word.toLowerCase();
  const stripped = lower.replace(/(?:ations?|ings?|edly|ed|es|s|ly|ers?)$/u, '');
  return stripped.length >= 3 ? stripped : lower;
}

export function termMatcher(terms: readonly string[]): (word: string) => boolean {
  const stems = [...new Set(terms.filter((t) => t.length > 0).map(lightStem))];
  return (word) => {
    const lower = word.toLowerCase();
    return stems.some((stem) => lower.startsWith(stem) && lower.length - stem.length <= 4);
  };
}

/**
 * The best window of `maxWords` words of `text` for the query terms, as HTML with `<mark>`
 * around matches and `…` where text was cut; null when no term occurs. The window with the most
 * distinct terms wins, then the one with the most matches, then the earliest.
 */
export function snippetFor(text: string, terms: readonly string[], maxWords = 24): string | null {
  const matches = termMatcher(terms);
  const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, hit: matches(m[0]), key: lightStem(m[0]) }));
  if (!words.some((w) => w.hit)) return null;
  let best = { from: 0, distinct: -1, hits: -1 };
  for (let from = 0; from < words.length; from += 1) {
    if (!words[from]!.hit && from > 0) continue; // windows worth trying start at a match
    const window = words.slice(from, from + maxWords).filter((w) => w.hit);
    const distinct = new Set(window.map((w) => w.key)).size;
    if (distinct > best.distinct || (distinct === best.distinct && window.length > best.hits)) {
      best = { from, distinct, hits: window.length };
    }
  }
  // Start a few words before the first match so it reads in context.
  const from = Math.max(0, best.from - 3);
  const to = Math.min(words.length, from + maxWords);
  let marked = '';
  let cursor = words[from]!.start;
  for (let i = from; i < to; i += 1) {
    const word = words[i]!;
    marked += text.slice(cursor, word.start);
    marked += word.hit ? `${MARK_OPEN}${text.slice(word.start, word.end)}${MARK_CLOSE}` : text.slice(word.start, word.end);
    cursor = word.end;
  }
  const prefix = from > 0 ? '…' : '';
  const suffix = to < words.length ? '…' : '';
  return `${prefix}${markedToHtml(marked)}${suffix}`;
}
