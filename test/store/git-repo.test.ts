import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createGitRepo } from '../../lib/store/git-repo.js';
import { commitSubjects, fsck, git } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';

async function repo() {
  const dir = await tempDir('aim-git-');
  // No staging runs on its own while a test runs git commands: its re-check of staged paths
  // (1.5 s after each staging) could otherwise stage while the test's `git status` rewrites
  // the index, and lose to it (a real race the re-check exists for, and the likely cause of a failure seen once in a full CI run);
  // what these tests check is the explicit flush.
  const repository = createGitRepo(dir, { indexSyncDelayMs: 10_000, indexVerifyDelayMs: 600_000 });
  await repository.init();
  const put = async (path: string, text: string) => {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  };
  return { dir, repository, put };
}

describe('git commits built from trees', () => {
  it('commits new, changed and deleted files in nested folders into a valid repository', async () => {
    const { dir, repository, put } = await repo();
    await put('default/demo/notes/a.md', 'a1');
    await put('default/demo/decisions/b.md', 'b1');
    const first = await repository.commit(['default/demo/notes/a.md', 'default/demo/decisions/b.md'], 'first');
    assert.ok(first);
    await put('default/demo/notes/a.md', 'a2');
    await rm(join(dir, 'default/demo/decisions/b.md'));
    await repository.commit(['default/demo/notes/a.md', 'default/demo/decisions/b.md'], (changed) => `second: ${changed.join(', ')}`);
    fsck(dir);
    assert.deepEqual(commitSubjects(dir), ['second: default/demo/decisions/b.md, default/demo/notes/a.md', 'first', 'Initialize the ai-memory wiki']);
    assert.equal(git(dir, 'show', 'HEAD:default/demo/notes/a.md'), 'a2');
    // An emptied folder leaves the tree, as git itself would do it.
    assert.equal(git(dir, 'ls-tree', '-r', '--name-only', 'HEAD').trim().split('\n').sort().join(','), '.gitignore,default/demo/notes/a.md');
    assert.equal(await repository.readAt(first!, 'default/demo/decisions/b.md'), 'b1');
  });

  it('makes no commit when nothing differs from HEAD', async () => {
    const { repository, put } = await repo();
    await put('x/y/z.md', 'same');
    await repository.commit(['x/y/z.md'], 'one');
    assert.equal(await repository.commit(['x/y/z.md'], 'again'), null);
    assert.equal(await repository.commit(['x/y/missing.md'], 'nothing'), null);
  });

  it('brings the git index up to date, so `git status` is clean', async () => {
    const { dir, repository, put } = await repo();
    await put('a/b/c.md', 'c');
    await repository.commit(['a/b/c.md'], 'add c');
    await repository.flushIndex();
    assert.equal(git(dir, 'status', '--porcelain'), '');
  });

  it('stages a backlog of added, changed and deleted pages from many commits at once', async () => {
    const { dir, repository, put } = await repo();
    for (let i = 0; i < 40; i++) {
      await put(`w/p/n${i}.md`, `v1 ${i}`);
      await repository.commit([`w/p/n${i}.md`], `add ${i}`);
    }
    await repository.flushIndex();
    for (let i = 0; i < 40; i++) {
      if (i % 3 === 0) await rm(join(dir, `w/p/n${i}.md`));
      else await put(`w/p/n${i}.md`, `v2 ${i}`);
      await repository.commit([`w/p/n${i}.md`], `change ${i}`);
    }
    assert.notEqual(git(dir, 'status', '--porcelain'), '', 'the index is behind before the flush');
    await repository.flushIndex();
    assert.equal(git(dir, 'status', '--porcelain'), '');
    assert.equal(git(dir, 'ls-files', 'w/p').trim().split('\n').length, 26);
    fsck(dir);
  });

  it('heals a git index left behind by a crash when it opens the repository again', async () => {
    const { dir, repository, put } = await repo();
    await put('a/b/c.md', 'c');
    await repository.commit(['a/b/c.md'], 'add c'); // the index sync is pending (10 s) and never runs
    assert.notEqual(git(dir, 'status', '--porcelain'), '');
    const reopened = createGitRepo(dir);
    await reopened.init();
    assert.equal(git(dir, 'status', '--porcelain'), '');
  });

  // A real index cut short, or with one byte of an entry changed: its header still reads.
  const cutShort = (index: Buffer) => index.subarray(0, index.length - 30);
  const flipped = (index: Buffer) => Buffer.concat([index.subarray(0, 40), Buffer.from([index[40]! ^ 1]), index.subarray(41)]);
  for (const [label, damage] of [
    ['empty', () => Buffer.alloc(0)],
    ['torn', () => Buffer.from('DIRC\u0000\u0000\u0000\u0002garbage')],
    ['cut short', cutShort],
    ['with a changed byte', flipped],
  ] as const) {
    it(`rebuilds a git index a kill -9 left ${label}, instead of refusing to start`, async () => {
      const { dir, repository, put } = await repo();
      await put('a/b/c.md', 'c');
      await repository.commit(['a/b/c.md'], 'add c');
      await repository.flushIndex();
      const indexFile = join(dir, '.git', 'index');
      writeFileSync(indexFile, damage(readFileSync(indexFile)));
      const reopened = createGitRepo(dir);
      await reopened.init();
      assert.equal(git(dir, 'status', '--porcelain'), '');
      assert.match(git(dir, 'ls-files'), /a\/b\/c\.md/);
    });
  }

  it('lists what each commit changed, for the history index', async () => {
    const { repository, put } = await repo();
    await put('p/one.md', '1');
    await repository.commit(['p/one.md'], 'one');
    await put('p/two.md', '2');
    await put('p/one.md', '1b');
    await repository.commit(['p/one.md', 'p/two.md'], 'two');
    const commits = await repository.commitsSince((await repository.head())!, () => false);
    assert.deepEqual(commits.map((c) => [c.message, c.paths.sort().join(',')]), [
      ['two', 'p/one.md,p/two.md'],
      ['one', 'p/one.md'],
      ['Initialize the ai-memory wiki', '.gitignore'],
    ]);
  });
});

describe('HEAD and reads at a commit', () => {
  it('finds HEAD whether its branch ref is loose or packed, and follows commits made with git', async () => {
    const { dir, repository, put } = await repo();
    await put('default/demo/notes/a.md', 'a1');
    const first = await repository.commit(['default/demo/notes/a.md'], 'first');
    assert.equal(await repository.head(), first);
    await repository.flushIndex();
    git(dir, 'pack-refs', '--all');
    assert.equal(await repository.head(), first);
    await put('default/demo/notes/a.md', 'a2');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@localhost', 'commit', '-qam', 'by hand');
    const byHand = git(dir, 'rev-parse', 'HEAD').trim();
    assert.notEqual(byHand, first);
    assert.equal(await repository.head(), byHand);
    git(dir, 'update-ref', '--no-deref', 'HEAD', first!);
    assert.equal(await repository.head(), first);
  });

  it('reads a file at a full or abbreviated commit id, and answers null for an unknown full id', async () => {
    const { repository, put } = await repo();
    await put('default/demo/notes/a.md', 'a1');
    const first = (await repository.commit(['default/demo/notes/a.md'], 'first'))!;
    await put('default/demo/notes/a.md', 'a2');
    await repository.commit(['default/demo/notes/a.md'], 'second');
    assert.equal(await repository.readAt(first, 'default/demo/notes/a.md'), 'a1');
    assert.equal(await repository.readAt(first.toUpperCase(), 'default/demo/notes/a.md'), 'a1');
    assert.equal(await repository.readAt(first.slice(0, 8), 'default/demo/notes/a.md'), 'a1');
    assert.equal(await repository.readAt('0'.repeat(40), 'default/demo/notes/a.md'), null);
    await assert.rejects(repository.readAt('not-a-commit', 'default/demo/notes/a.md'), /not a commit id/);
  });
});
