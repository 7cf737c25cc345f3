import { plainText } from './markdown.js';

// Blocks that are not prose: a table row, a horizontal rule, an HTML comment.
const NOT_PROSE = /^\s*(?:\||(?:[-*_]\s*){3,}$|<!--)/;

/**
 * The first paragraph of prose in a markdown body, as plain text cut at a word boundary near
 * `maxChars` (with `…`), or '' when the body has none. Headings (the H1 repeats the title the
 * hit already shows), fenced code, tables and rules are skipped: this is what a person reads
 * first when the page opens, and the snippet of a hit that matched by its title alone.
 */
export function firstParagraph(markdown: string, maxChars = 240): string {
  // Only the start of a long page can hold its first paragraph.
  let head = markdown.slice(0, 8000);
  if (head.includes('```') || head.includes('~~~')) head = head.replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))/gm, '\n\n');
  for (const block of blocks(head)) {
    const lines = block.split('\n').filter((line) => !/^ {0,3}#{1,6}(?:\s|$)/.test(line) && line.trim() !== '');
    if (lines.length === 0 || NOT_PROSE.test(lines[0]!)) continue;
    // List markers and quote marks are layout; the words are the paragraph.
    const words = lines.map((line) => line.replace(/^\s*(?:>\s*)*(?:[-*+]|\d+[.)])?\s+/, ''));
    const text = plainText(words.join('\n')).replace(/\s+/g, ' ').trim();
    if (text !== '') return clipAtWord(text, maxChars);
  }
  return '';
}

/**
 * The blocks of `text` as `text.split(/\n[ \t]*\n/)` gives them, one at a time: the first
 * paragraph is usually among the first few, and splitting 8000 characters to read them cost
 * more than the rest of a snippet.
 */
function* blocks(text: string): Generator<string> {
  const gap = /\n[ \t]*\n/g;
  let start = 0;
  for (let found = gap.exec(text); found !== null; found = gap.exec(text)) {
    yield text.slice(start, found.index);
    start = gap.lastIndex;
  }
  yield text.slice(start);
}

function clipAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.lastIndexOf(' ', maxChars - 1);
  return `${text.slice(0, cut > maxChars / 2 ? cut : maxChars - 1).trimEnd()}…`;
}
