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

/** Wraps whole-word-prefix occurrences of the terms in marks and returns safe HTML. */
export function highlight(text: string, terms: readonly string[]): string {
  const words = terms.filter((t) => t.length > 1).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return escapeHtml(text);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${words.join('|')})[\\p{L}\\p{N}]*`, 'giu');
  return markedToHtml(text.replace(pattern, (m) => `${MARK_OPEN}${m}${MARK_CLOSE}`));
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
