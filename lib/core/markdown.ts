/**
 * Code-aware scanning of markdown without a full parser. A full remark parse costs ~3.6 ms a
 * page (36 s for a 10k-page rebuild); masking code and comments and then using regexes costs
 * ~0.014 ms and finds the same links (a test checks this against remark on a generated corpus).
 */

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;
const INDENTED = /^(?: {4}|\t)/;

/**
 * Returns the text with fenced code, indented code, inline code spans and HTML comments
 * replaced by spaces. Offsets and line breaks are kept, so positions map 1:1 to the input.
 */
export function maskCode(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let fence: RegExp | null = null;
  let previousBlank = true;
  let inList = false;
  for (const line of lines) {
    if (fence) {
      if (fence.test(line)) fence = null;
      out.push(blank(line));
      continue;
    }
    const open = mayOpenFence(line) ? FENCE_OPEN.exec(line) : null;
    if (open && !(open[1]!.startsWith('`') && open[2]!.includes('`'))) {
      // The closing fence uses the same character, at least as many times.
      fence = new RegExp(`^ {0,3}${open[1]![0] === '`' ? '`' : '~'}{${open[1]!.length},}\\s*$`);
      out.push(blank(line));
      previousBlank = false;
      continue;
    }
    const isBlank = line.trim() === '';
    if (!isBlank && INDENTED.test(line) && previousBlank && !inList) {
      out.push(blank(line));
      continue; // an indented code block continues while lines stay indented or blank
    }
    if (!isBlank) inList = LIST_ITEM.test(line) || (inList && /^\s/.test(line));
    if (!isBlank && !/^\s/.test(line) && !LIST_ITEM.test(line)) inList = false;
    previousBlank = isBlank;
    out.push(line);
  }
  return maskInline(out.join('\n'));
}

/**
 * Whether a line can open a fence (up to three spaces, then a backtick or tilde): running the
 * fence regex on every line of every page was ~5 % of a cold build's parse thread.
 */
function mayOpenFence(line: string): boolean {
  for (let i = 0; i < 4 && i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 0x60 || code === 0x7e) return true; // ` or ~
    if (code !== 0x20) return false;
  }
  return false;
}

/** Masks inline code spans and HTML comments, which may span lines inside a paragraph. */
function maskInline(text: string): string {
  let result = replaceComments(text, blank);
  if (!result.includes('`')) return result;
  result = result.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (match, _ticks: string, inner: string) => {
    // A code span cannot cross a blank line (paragraph boundary).
    if (/\n\s*\n/.test(inner)) return match;
    return blank(match);
  });
  return result;
}

function blank(text: string): string {
  return text.includes('\n') ? text.split('\n').map((line) => ' '.repeat(line.length)).join('\n') : ' '.repeat(text.length);
}

/** The first ATX level-1 heading outside code, without trailing `#`s. */
export function firstHeading(markdown: string, masked = maskCode(markdown)): string | undefined {
  const match = /^ {0,3}# +(.+?)(?: +#+)? *$/m.exec(masked);
  if (!match) return undefined;
  const title = match[1]!.trim();
  return title === '' ? undefined : title;
}

/**
 * The words of a page without markdown syntax, for the full-text index and its snippets: link
 * targets, heading and quote markers, fences and emphasis go; link text, code and prose stay.
 */
export function plainText(markdown: string): string {
  // A title, a heading or a snippet often holds none of it (a search cuts ten a question).
  return MARKDOWN_SYNTAX.test(markdown) ? withoutSyntax(markdown) : markdown;
}

/** Every character `withoutSyntax` acts on: `[` (links), `<` (comments), fences, `#`, `>`, emphasis, code. */
export const MARKDOWN_SYNTAX = /[[<`~#>*_]/;

/** `plainText` the long way, whatever the text holds. */
export function withoutSyntax(markdown: string): string {
  // Each pattern's repeated class excludes its own opener, so a page made of thousands of
  // unclosed `[`, `[](` or `<!--` stays linear (it was quadratic: 200 kB of `[` took 15 s).
  // Each pattern needs a literal (`[[`, `](`, a fence, `#`, `>`, `**`/`__`, a backtick): a text
  // without it is left as it is without running the regex, most of all the line-anchored ones,
  // which V8 tries at every character (~4 % of a cold build's parse thread for `>` alone).
  let text = replaceComments(markdown, () => ' ');
  if (text.includes('[[')) text = text.replace(/!?\[\[([^[\]|#\n]+)(?:#[^[\]|\n]*)?(?:\|([^[\]\n]*))?\]\]/g, (_, target: string, alias?: string) => alias ?? target);
  if (text.includes('](')) text = text.replace(/!?\[([^[\]\n]*)\]\([^()\n]*\)/g, '$1');
  if (text.includes('```') || text.includes('~~~')) text = text.replace(/^ {0,3}(?:```|~~~).*$/gm, '');
  if (text.includes('#')) text = text.replace(/^ {0,3}#{1,6}[ \t]+/gm, '');
  if (text.includes('>')) text = text.replace(/^[ \t]*>[ \t]?/gm, '');
  if (text.includes('**') || text.includes('__')) {
    text = text.replace(/\*\*(?=[^\s*])([^*]*?[^\s*])\*\*|__(?=[^\s_])([^_]*?[^\s_])__/g, (_, star?: string, under?: string) => star ?? under ?? '');
  }
  if (text.includes('`')) text = text.replace(/`([^`\n]+)`/g, '$1');
  return text;
}

/**
 * `<!-- ... -->` replaced by `replace(comment)`; an unclosed `<!--` stays text, as before. A
 * loop rather than /<!--[\s\S]*?-->/g, which rescans to the end from every unclosed opener.
 */
function replaceComments(text: string, replace: (comment: string) => string): string {
  if (!text.includes('<!--')) return text;
  let out = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf('<!--', from);
    const end = start === -1 ? -1 : text.indexOf('-->', start + 4);
    if (end === -1) return out + text.slice(from);
    out += text.slice(from, start) + replace(text.slice(start, end + 3));
    from = end + 3;
  }
}
