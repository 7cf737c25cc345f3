import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeInstant, parsePage } from '../../lib/core/page.js';
import { parsePagePath } from '../../lib/core/paths.js';

const page = (text: string, path = 'notes/x.md') => parsePage(text, parsePagePath(path));

describe('parsePage', () => {
  it('takes the title from frontmatter, else the first H1 outside code, else the file stem', () => {
    assert.equal(page('---\ntitle: From FM\n---\n# From H1\n').title, 'From FM');
    assert.equal(page('```\n# not a heading\n```\n\n# Real heading\n').title, 'Real heading');
    assert.equal(page('no heading here\n', 'notes/my-page.md').title, 'my-page');
  });

  it('takes the kind from frontmatter, else from the folder', () => {
    assert.equal(page('---\nkind: rule\n---\n', 'notes/a.md').kind, 'rule');
    assert.equal(page('x', 'decisions/a.md').kind, 'decision');
    assert.equal(page('x', 'sessions/a.md').kind, 'session');
    assert.equal(page('x', '_rules/a.md').kind, 'rule');
    assert.equal(page('x', 'random/a.md').kind, 'fact');
    assert.equal(page('---\nkind: nonsense\n---\n', 'gotchas/a.md').kind, 'gotcha');
  });

  it('derives tier from kind unless given', () => {
    assert.equal(page('x', 'sessions/a.md').tier, 'episodic');
    assert.equal(page('x', 'decisions/a.md').tier, 'semantic');
    assert.equal(page('---\ntier: episodic\n---\n', 'decisions/a.md').tier, 'episodic');
  });

  it('keeps unknown keys and reads pinned, tags, supersedes', () => {
    const parsed = page('---\npinned: true\ntags: [a, b]\nsupersedes: decisions/old.md\nmy_key: 42\n---\nx');
    assert.equal(parsed.pinned, true);
    assert.deepEqual(parsed.tags, ['a', 'b']);
    assert.deepEqual(parsed.supersedes, ['decisions/old.md']);
    assert.equal(parsed.frontmatter.my_key, 42);
  });

  it('keeps the body readable when the frontmatter is broken', () => {
    const parsed = page('---\ntitle: [oops\n---\n# Heading\n');
    assert.ok(parsed.frontmatterError);
    assert.equal(parsed.title, 'Heading');
  });

  it('reads a bare expiry date as the end of that day (UTC)', () => {
    assert.equal(normalizeInstant('2026-12-01', 'end-of-day'), '2026-12-01T23:59:59.999Z');
    assert.equal(normalizeInstant('2026-12-01T08:00:00+02:00', 'end-of-day'), '2026-12-01T06:00:00.000Z');
    assert.equal(normalizeInstant('next tuesday', 'end-of-day'), undefined);
  });
});
