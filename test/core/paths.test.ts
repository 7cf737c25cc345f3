import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyWikiPath, parsePagePath, parseSlug, toSlug } from '../../lib/core/paths.js';

describe('page paths', () => {
  const accepted: Array<[string, string]> = [
    ['decisions/0001-db.md', 'decisions/0001-db.md'],
    ['notes/deep/nested/page.md', 'notes/deep/nested/page.md'],
    ['decisions/0002-cache', 'decisions/0002-cache.md'],
    ['./decisions/0003-queue.md', 'decisions/0003-queue.md'],
    ['././notes/x', 'notes/x.md'],
    ['_rules/no-force-push.md', '_rules/no-force-push.md'],
    ['Ünïcode notes/Überblick.md', 'Ünïcode notes/Überblick.md'],
  ];
  for (const [input, expected] of accepted) {
    it(`accepts ${JSON.stringify(input)}`, () => assert.equal(parsePagePath(input), expected));
  }

  const refused: Array<[string, RegExp]> = [
    ['', /empty/],
    ['../secrets.md', /escapes/],
    ['notes/../../other/x.md', /escapes/],
    ['./../x.md', /escapes/],
    ['notes/./x.md', /escapes/],
    ['./', /names no page/],
    ['/etc/passwd.md', /absolute/],
    ['C:/windows/x.md', /absolute/],
    ['notes\\x.md', /backslash/],
    ['notes//x.md', /empty segment/],
    ['notes/x.md\u0000.txt', /NUL/],
    ['notes/\u0007bell.md', /control/],
    ['.git/config.md', /hidden/],
    ['notes/.obsidian.md', /hidden/],
    ['notes/a:b.md', /portable/],
    ['notes/con.md', /reserved/],
    ['_project.md', /manifest/],
    ['notes/.md', /hidden|no file name/],
  ];
  for (const [input, message] of refused) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      assert.throws(() => parsePagePath(input), (error: { code: string; message: string }) => {
        assert.equal(error.code, 'INVALID_PATH');
        assert.match(error.message, message);
        return true;
      });
    });
  }
});

describe('project and workspace names', () => {
  it('turns human names into folder slugs', () => {
    assert.equal(toSlug('demo'), 'demo');
    assert.equal(toSlug('My API'), 'my-api');
    assert.equal(toSlug('.config'), 'config');
    assert.equal(toSlug('Café Ünïcode'), 'cafe-unicode');
    assert.equal(toSlug('_global'), '_global');
  });

  for (const bad of ['../x', 'a/b', 'a\\b', '..', '.', '', '   ', 'x\u0000y', 'tab\there']) {
    it(`refuses ${JSON.stringify(bad)} instead of cleaning it`, () => {
      assert.throws(() => toSlug(bad), { code: 'INVALID_NAME' });
    });
  }

  it('validates folder names strictly', () => {
    assert.equal(parseSlug('acme-api'), 'acme-api');
    for (const bad of ['Acme', '-x', '.x', '_private', 'con', 'a b', 'x'.repeat(65)]) {
      assert.throws(() => parseSlug(bad), { code: 'INVALID_NAME' }, bad);
    }
  });

  it('classifies wiki files: pages, manifests and everything else', () => {
    assert.deepEqual(classifyWikiPath('default/demo/notes/a.md'), {
      type: 'page',
      scope: { workspace: 'default', project: 'demo' },
      path: 'notes/a.md',
    });
    assert.equal(classifyWikiPath('default/demo/_project.md')?.type, 'manifest');
    assert.equal(classifyWikiPath('README.md'), null);
    assert.equal(classifyWikiPath('default/x.md'), null);
    assert.equal(classifyWikiPath('.obsidian/demo/x.md'), null);
    assert.equal(classifyWikiPath('default/demo/.trash/x.md'), null);
  });
});
