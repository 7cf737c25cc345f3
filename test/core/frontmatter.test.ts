import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composePage, editFrontmatter, parseFrontmatter, splitPage } from '../../lib/core/frontmatter.js';
import { composePageWrite } from '../../lib/core/page-write.js';

const HAND_WRITTEN = `---
# a comment the user wrote
title: "Standardised on Postgres"   # trailing comment
created: 2024-01-05
version: 1.10
enabled: NO
tags: [db, postgres]
custom:
  nested: value
  list:
    - a
    - b
---
# Body heading

Body text.
`;

describe('frontmatter', () => {
  it('splits and composes a page back to the same bytes', () => {
    assert.equal(composePage(splitPage(HAND_WRITTEN)), HAND_WRITTEN);
  });

  it('keeps dates, numbers and YAML 1.1 booleans as written (no YAML 1.1 coercion)', () => {
    const { data } = parseFrontmatter(splitPage(HAND_WRITTEN).yaml);
    assert.equal(data.created, '2024-01-05');
    assert.equal(data.version, 1.1);
    assert.equal(data.enabled, 'NO');
    assert.deepEqual(data.custom, { nested: 'value', list: ['a', 'b'] });
  });

  it('edits only the changed key: comments, order, quoting and untouched keys stay byte-identical', () => {
    const parts = splitPage(HAND_WRITTEN);
    const edited = editFrontmatter(parts.yaml, { pinned: true, title: 'Postgres everywhere' });
    const expected = parts.yaml!
      .replace('title: "Standardised on Postgres"', 'title: Postgres everywhere')
      .concat('pinned: true\n');
    assert.equal(edited, expected);
    assert.match(edited, /# a comment the user wrote/);
    assert.match(edited, /# trailing comment/);
    assert.match(edited, /tags: \[db, postgres\]/);
  });

  it('removes a key with its whole block and leaves the rest alone', () => {
    const parts = splitPage(HAND_WRITTEN);
    const edited = editFrontmatter(parts.yaml, { custom: undefined });
    assert.doesNotMatch(edited, /custom|nested|- a/);
    assert.match(edited, /tags: \[db, postgres\]\n$/);
  });

  it('never evaluates ---js frontmatter: it is body text', () => {
    const globals = globalThis as Record<string, unknown>;
    delete globals.__aimPwned;
    const text = '---js\n{ title: (globalThis.__aimPwned = true, "x") }\n---\nbody\n';
    const parts = splitPage(text);
    assert.equal(parts.yaml, null);
    assert.equal(parts.body, text);
    assert.equal(globals.__aimPwned, undefined);
  });

  it('treats YAML tags such as !!js/function as plain data', () => {
    const { data } = parseFrontmatter('evil: !!js/function "function(){ globalThis.__aimPwned = 1 }"\n');
    assert.equal((globalThis as Record<string, unknown>).__aimPwned, undefined);
    assert.equal(typeof data.evil, 'string');
  });

  it('reports invalid YAML instead of guessing, and refuses to edit it', () => {
    const broken = 'title: [unclosed\n';
    assert.ok(parseFrontmatter(broken).error);
    assert.throws(() => editFrontmatter(broken, { pinned: true }), { code: 'INVALID_FRONTMATTER' });
  });

  it('accepts CRLF fences and a BOM', () => {
    const parts = splitPage('\uFEFF---\r\ntitle: x\r\n---\r\nbody\r\n');
    assert.equal(parseFrontmatter(parts.yaml).data.title, 'x');
    assert.equal(parts.body, 'body\r\n');
  });
});

describe('composePageWrite', () => {
  const now = '2026-11-25T10:00:00.000Z';
  const later = '2026-11-26T10:00:00.000Z';

  it('stamps created and updated on a new page', () => {
    const text = composePageWrite(null, { body: 'Hello', title: 'Greeting' }, now);
    assert.equal(text, `---\ntitle: Greeting\ncreated: ${now}\nupdated: ${now}\n---\nHello\n`);
  });

  it('returns the existing text unchanged for an identical rewrite', () => {
    const first = composePageWrite(null, { body: 'Hello', title: 'Greeting', pinned: true }, now);
    assert.equal(composePageWrite(first, { body: 'Hello', title: 'Greeting', pinned: true }, later), first);
  });

  it('keeps unknown keys and comments of a hand-written page when rewriting its body', () => {
    const next = composePageWrite(HAND_WRITTEN, { body: '# Body heading\n\nNew text.\n' }, later);
    assert.match(next, /# a comment the user wrote/);
    assert.match(next, /custom:\n  nested: value/);
    assert.match(next, /created: 2024-01-05/);
    assert.match(next, new RegExp(`updated: ${later}`));
    assert.match(next, /New text\./);
  });

  it('lets the body H1 replace a stale frontmatter title', () => {
    const first = composePageWrite(null, { body: 'x', title: 'Old' }, now);
    const next = composePageWrite(first, { body: '# New title\n\nx' }, later);
    assert.match(next, /title: New title/);
  });

  it('sets aliases, keeps them when a rewrite does not name them, and removes them with an empty list', () => {
    const first = composePageWrite(null, { body: '# Ledger entry\n', aliases: ['journal line', 'posting'] }, now);
    assert.deepEqual(parseFrontmatter(splitPage(first).yaml).data.aliases, ['journal line', 'posting']);
    const kept = composePageWrite(first, { body: '# Ledger entry\n\nMore.\n' }, later);
    assert.deepEqual(parseFrontmatter(splitPage(kept).yaml).data.aliases, ['journal line', 'posting']);
    const removed = composePageWrite(kept, { body: '# Ledger entry\n\nMore.\n', aliases: [] }, later);
    assert.equal(parseFrontmatter(splitPage(removed).yaml).data.aliases, undefined);
  });
});
