import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MARKDOWN_SYNTAX, plainText, withoutSyntax } from '../../lib/core/markdown.js';

// plainText returns a text holding none of MARKDOWN_SYNTAX as it is, without running its
// patterns (search cuts a heading, a title and a snippet for each of ten hits a question): that
// is only right if the patterns never change such a text.

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const FRAGMENTS = [
  '[[a|b]]', '[[target#part]]', '![[embed]]', '[text](page.md)', '![img](p.png)', '<!-- note -->', '<!--', '-->',
  '```ts', '~~~', '# Heading', '   ## Sub', '> quote', '**bold**', '__under__', '*em*', '`code`',
  ' ', '  ', '\n', '\t', 'word', 'Émile', 'über', '😀', '-', '=', '|', '(', ')', ']', '!', '\\', '.', ':', '"', "'",
];

function randomText(random: () => number): string {
  let out = '';
  const parts = 1 + Math.floor(random() * 12);
  for (let i = 0; i < parts; i += 1) {
    out += random() < 0.7 ? FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]! : String.fromCharCode(32 + Math.floor(random() * 95));
  }
  return out;
}

describe('plain text of a text without markdown syntax', () => {
  it('is the text itself: the patterns leave it unchanged', () => {
    const random = seeded(29);
    const syntax = new RegExp(MARKDOWN_SYNTAX.source, 'g');
    let withSyntax = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const text = randomText(random);
      // The same text with every syntax character taken out: what the shortcut returns as it is.
      const bare = text.replace(syntax, '');
      assert.equal(withoutSyntax(bare), bare, JSON.stringify(bare));
      assert.equal(plainText(bare), bare);
      // With syntax, the long way runs.
      assert.equal(plainText(text), withoutSyntax(text));
      if (withoutSyntax(text) !== text) withSyntax += 1;
    }
    assert.ok(withSyntax > 5_000, 'the texts hold syntax the patterns do change');
  });
});
