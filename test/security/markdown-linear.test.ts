import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractLinks } from '../../lib/core/links.js';
import { maskCode, plainText } from '../../lib/core/markdown.js';

/**
 * Every page write and every reindex runs these over the whole page (up to 1 MiB). Unclosed
 * openers made them quadratic: 200 kB of `[` took 15 s in plainText, of `<!--` 4 s in maskCode,
 * of `__a ` 6 s, blocking the server.
 */
describe('page scanning stays linear on hostile pages', () => {
  it('keeps the meaning: comments, links, bold', () => {
    assert.equal(plainText('a <!-- x --> b [t](p.md) [[w|alias]] **bold** __also__ <!-- open'), 'a   b t alias bold also <!-- open');
    assert.equal(maskCode('a <!-- x --> b'), 'a            b');
  });

  for (const seed of ['[', '[](', '](', '[[', '<!--', '**a', '__a ', '*_', '![', '[a](', '`', '[[a|', '(']) {
    it(`handles 300 kB of ${JSON.stringify(seed)}`, () => {
      const text = seed.repeat(Math.ceil(300_000 / seed.length));
      const started = performance.now();
      plainText(text);
      extractLinks(text);
      const ms = performance.now() - started;
      assert.ok(ms < 1500, `${ms.toFixed(0)} ms`);
    });
  }
});
