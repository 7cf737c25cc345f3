import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeInline } from '../../lib/core/capture/session-page.js';
import { extractLinks } from '../../lib/core/links.js';

describe('captured text in session pages', () => {
  it('never becomes a wiki link, whatever link syntax a prompt contains', () => {
    for (const prompt of ['see [[decisions/db]]', 'open [the notes](notes/setup.md) now', '![img](x.png) and [a]( b.md )', '[[a|b]] [x][y]']) {
      assert.deepEqual(extractLinks(escapeInline(prompt)), [], prompt);
    }
  });
});
