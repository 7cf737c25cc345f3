import { plainText } from './markdown.js';
import { codePointCount, visitWordsStartingWith } from './word-scan.js';

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


/**
 * A light stemmer for highlighting only (the index itself uses FTS5's porter stemmer): enough
 * that "decisions", "deploying" and "cached" light up for "decision", "deploy" and "cache".
 */
export function lightStem(word: string): string {
  return lightStemOfLower(word.toLowerCase());
}

function lightStemOfLower(lower: string): string {
  const stripped = lower.replace(/(?:ations?|ings?|edly|ed|es|s|ly|ers?)$/u, '').replace(/e$/u, '');
  return stripped.length >= 3 ? stripped : lower;
}

/**
 * Words that show a query term: the same light stem ("decisions", "caching" for "decision",
 * "cache"), or the whole term with a short tail ("PostgreSQL" for "postgres").
 */
export function termMatcher(terms: readonly string[]): (word: string) => boolean {
  const wanted = terms.filter((t) => t.length > 0).map((t) => t.toLowerCase());
  const stems = new Set(wanted.map(lightStem));
  const prefixes = wanted.filter((t) => t.length >= 4);
  // A word's light stem is a prefix of the word lowercased, so a word shows a term only when it
  // starts with a stem's or a term's first character; most words of a text do not, and are
  // turned down before their stem is cut (two patterns run per word).
  const firsts = new Set([...stems, ...prefixes].map((t) => t[0]));
  return (word) => {
    const lower = word.toLowerCase();
    if (!firsts.has(lower[0])) return false;
    if (stems.has(lightStemOfLower(lower))) return true;
    return prefixes.some((p) => lower.startsWith(p) && lower.length - p.length <= 4);
  };
}

/**
 * A short excerpt of a page around the query terms, as HTML with `<mark>` around matches and
 * `…` where text was cut; null when no term occurs. The excerpt with the most distinct terms
 * wins, then the one with the most matches, then the earliest. Matches are found on the raw
 * markdown with one regex and only the chosen excerpt is turned into plain text, so a snippet
 * costs a few microseconds whatever the page's length.
 */
export function snippetFor(markdown: string, terms: readonly string[], maxChars = 220): string | null {
  const stems = [...new Set(terms.filter((t) => t.length > 0).map(lightStem))];
  if (stems.length === 0) return null;
  // Candidates: a stem plus a short suffix; each is confirmed by stemming it.
  const matches = termMatcher(terms);
  const hits: Array<{ at: number; key: string }> = [];
  const take = (word: string, at: number) => {
    if (!matches(word)) return false;
    hits.push({ at, key: lightStem(word) });
    return hits.length >= 200;
  };
  const scanned = visitWordsStartingWith(markdown, stems, (word, at) => {
    const stem = stems.find((s) => word.slice(0, s.length).toLowerCase() === s && codePointCount(word.slice(s.length)) <= 6);
    return stem !== undefined && take(word, at);
  });
  if (!scanned) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${stems.map(escapeRegex).join('|')})[\\p{L}\\p{N}]{0,6}(?![\\p{L}\\p{N}])`, 'giu');
    for (const match of markdown.matchAll(pattern)) if (take(match[0], match.index)) break;
  }
  if (hits.length === 0) return null;
  let best = { at: hits[0]!.at, distinct: 0, count: 0 };
  for (let i = 0; i < hits.length; i += 1) {
    const keys = new Set<string>();
    let count = 0;
    for (let j = i; j < hits.length && hits[j]!.at < hits[i]!.at + maxChars - 60; j += 1) {
      keys.add(hits[j]!.key);
      count += 1;
    }
    if (keys.size > best.distinct || (keys.size === best.distinct && count > best.count)) {
      best = { at: hits[i]!.at, distinct: keys.size, count };
    }
  }
  // Some context before the first match; cut at whitespace so no word is broken.
  let start = Math.max(0, best.at - 40);
  if (start > 0) start = nextSpace(markdown, start);
  let end = Math.min(markdown.length, start + maxChars);
  if (end < markdown.length) end = previousSpace(markdown, end, best.at + 1);
  const excerpt = collapse(plainText(markdown.slice(start, end)));
  return `${start > 0 ? '…' : ''}${highlight(excerpt, terms)}${end < markdown.length ? '…' : ''}`;
}

function nextSpace(text: string, from: number): number {
  const match = /\s/.exec(text.slice(from, from + 40));
  return match ? from + match.index + 1 : from;
}

function previousSpace(text: string, from: number, floor: number): number {
  const cut = text.lastIndexOf(' ', from);
  return cut > floor ? cut : from;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
