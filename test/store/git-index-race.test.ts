import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createGitRepo } from '../../lib/store/git-repo.js';
import { git } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

/**
 * A git command run beside the server (`git status` in a shell, an editor's git plugin) writes
 * `.git/index` back under `index.lock` after refreshing it. The server's staging must survive
 * such a command instead of leaving committed pages shown as deleted and untracked.
 */
async function repo() {
  const dir = await tempDir('aim-git-race-');
  const repository = createGitRepo(dir, { indexSyncDelayMs: 10_000, indexVerifyDelayMs: 100 });
  await repository.init();
  const put = async (path: string, text: string) => {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  };
  return { dir, repository, put };
}

describe('the git index beside other git commands', () => {
  it('stages again what a git command\'s stale index write threw away', async () => {
    const { dir, repository, put } = await repo();
    await put('w/p/a.md', 'a1');
    await repository.commit(['w/p/a.md'], 'add a');
    await repository.flushIndex();
    // A `git status` reads the index here ...
    const staleIndex = readFileSync(join(dir, '.git', 'index'));
    await put('w/p/a.md', 'a2');
    await put('w/p/b.md', 'b1');
    await repository.commit(['w/p/a.md', 'w/p/b.md'], 'change a, add b');
    await repository.flushIndex();
    assert.equal(git(dir, 'status', '--porcelain'), '');
    // ... and writes its refreshed copy back after ours.
    writeFileSync(join(dir, '.git', 'index'), staleIndex);
    assert.notEqual(git(dir, '--no-optional-locks', 'status', '--porcelain'), '', 'the stale write loses the staging');
    await waitFor(() => git(dir, '--no-optional-locks', 'status', '--porcelain') === '', 'the lost staging to be redone');
    assert.match(git(dir, 'ls-files', 'w/p'), /w\/p\/b\.md/);
  });

  it('waits while a git command holds index.lock instead of writing under it', async () => {
    const { dir, repository, put } = await repo();
    const lock = join(dir, '.git', 'index.lock');
    await put('w/p/a.md', 'a1');
    await repository.commit(['w/p/a.md'], 'add a');
    const before = statSync(join(dir, '.git', 'index')).mtimeMs;
    writeFileSync(lock, '');
    const flushed = repository.flushIndex();
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(statSync(join(dir, '.git', 'index')).mtimeMs, before, 'the index is not written while the lock is held');
    await rm(lock);
    await flushed;
    assert.equal(existsSync(lock), false);
    assert.equal(git(dir, 'status', '--porcelain'), '');
  });
});
