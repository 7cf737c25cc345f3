import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { firstParagraph } from '../../lib/core/first-paragraph.js';
import { plainText } from '../../lib/core/markdown.js';

/** firstParagraph as it was before it read blocks one at a time: the reference. */
function firstParagraphAsBefore(markdown: string, maxChars = 240): string {
  const head = markdown.slice(0, 8000).replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))/gm, '\n\n');
  for (const block of head.split(/\n[ \t]*\n/)) {
    const lines = block.split('\n').filter((line) => !/^ {0,3}#{1,6}(?:\s|$)/.test(line) && line.trim() !== '');
    if (lines.length === 0 || /^\s*(?:\||(?:[-*_]\s*){3,}$|<!--)/.test(lines[0]!)) continue;
    const words = lines.map((line) => line.replace(/^\s*(?:>\s*)*(?:[-*+]|\d+[.)])?\s+/, ''));
    const text = plainText(words.join('\n')).replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    if (text.length <= maxChars) return text;
    const cut = text.lastIndexOf(' ', maxChars - 1);
    return `${text.slice(0, cut > maxChars / 2 ? cut : maxChars - 1).trimEnd()}…`;
  }
  return '';
}

// Pieces a page starts with: headings, fences of both kinds (closed or not), tables, rules,
// comments, lists, quotes, blank lines holding spaces or tabs, and prose.
const PIECES = ['# Title', '## Part', '```ts', '```', '~~~', '   ~~~ sh', '| a | b |', '---', '<!-- note -->', '- item', '> quoted', '1. step', '', ' ', '\t', 'Plain words here.', 'More [[link|words]] and `code`.', 'x'.repeat(300)];

// The snippet of a hit that matched by its title alone: the same paragraph as before, for any page.
test('the first paragraph is the one the whole-text split found', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), fc.constantFrom('\n', '\n\n', '\n \t\n'), (pieces, gap) => {
      const markdown = pieces.join(gap);
      assert.equal(firstParagraph(markdown), firstParagraphAsBefore(markdown), JSON.stringify(markdown));
    }),
    { numRuns: 1000 },
  );
  // Past the first 8000 characters nothing counts, as before.
  const late = `${'# h\n\n'.repeat(1700)}Late prose.`;
  assert.equal(firstParagraph(late), '');
  assert.equal(firstParagraph('# T\n\n```\ncode\n```\n\nThe prose.\n\nLater.'), 'The prose.');
});
