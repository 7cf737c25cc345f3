import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stagedBlobIds, stageInGitIndex } from '../../lib/store/git-index-stage.js';
import { fsck, git } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';

/** Two identical repositories, committed by the git CLI (its index has a TREE extension). */
async function twins(): Promise<[string, string]> {
  const dirs: string[] = [];
  for (const name of ['ours', 'git']) {
    const dir = join(await tempDir('aim-index-stage-'), name);
    await mkdir(join(dir, 'p/a'), { recursive: true });
    for (const path of ['p/a-b.md', 'p/a/b.md', 'p/a/c.md', 'p/z.md', 'p/gone.md']) await writeFile(join(dir, path), `# ${path}\n`);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'first');
    dirs.push(dir);
  }
  return [dirs[0]!, dirs[1]!];
}

async function change(dir: string): Promise<string[]> {
  await writeFile(join(dir, 'p/a/b.md'), '# changed\n');
  await writeFile(join(dir, 'p/a.md'), '# new, sorts between p/a-b.md and p/a/\n');
  await writeFile(join(dir, 'p/zz/new.md'.replace('zz/', 'zz-')), '# new at the end\n');
  await writeFile(join(dir, 'p/0.md'), '# new at the start\n');
  await rm(join(dir, 'p/gone.md'));
  return ['p/a/b.md', 'p/a.md', 'p/zz-new.md', 'p/0.md', 'p/gone.md'];
}

describe('staging in the git index without parsing it', () => {
  it('leaves the index as `git add` would: same entries, clean status, a commit by git has the right tree', async () => {
    const [ours, theirs] = await twins();
    const paths = await change(ours);
    await change(theirs);
    assert.equal(await stageInGitIndex(ours, paths), true);
    git(theirs, 'add', '-A');
    assert.equal(git(ours, 'ls-files', '-s'), git(theirs, 'ls-files', '-s'));
    assert.equal(git(ours, 'status', '--porcelain'), git(theirs, 'status', '--porcelain'));
    assert.match(git(ours, 'status', '--porcelain'), /^D {2}p\/gone\.md$/m);
    // Read back as git reads them; a removed path has no entry.
    const staged = await stagedBlobIds(ours, ['p/a/b.md', 'p/a.md', 'p/gone.md']);
    assert.deepEqual(staged, new Map(['p/a/b.md', 'p/a.md'].map((path) => [path, git(ours, 'rev-parse', `:${path}`).trim()])));
    // The cached trees were dropped with the rest of the extensions: git writes the new tree.
    git(ours, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'second');
    git(theirs, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'second');
    assert.equal(git(ours, 'rev-parse', 'HEAD^{tree}'), git(theirs, 'rev-parse', 'HEAD^{tree}'));
    assert.equal(git(ours, 'status', '--porcelain'), '');
    fsck(ours);
  });

  it('replaces the conflict stages of a path with its one staged entry', async () => {
    const [dir] = await twins();
    const author = ['-c', 'user.name=t', '-c', 'user.email=t@t'];
    git(dir, 'checkout', '-q', '-b', 'side');
    await writeFile(join(dir, 'p/z.md'), '# side\n');
    git(dir, ...author, 'commit', '-q', '-am', 'side');
    git(dir, 'checkout', '-q', 'main');
    await writeFile(join(dir, 'p/z.md'), '# main\n');
    git(dir, ...author, 'commit', '-q', '-am', 'main');
    try {
      execFileSync('git', ['-C', dir, ...author, 'merge', '-q', 'side'], { stdio: 'ignore' });
    } catch {
      // the expected conflict
    }
    assert.match(git(dir, 'ls-files', '-s', 'p/z.md'), / 3\tp\/z\.md/);
    await writeFile(join(dir, 'p/z.md'), '# resolved\n');
    assert.equal(await stageInGitIndex(dir, ['p/z.md']), true);
    assert.match(git(dir, 'ls-files', '-s', 'p/z.md').trim(), /^100644 [0-9a-f]{40} 0\tp\/z\.md$/);
    assert.equal(git(dir, 'diff', '--name-only'), '');
  });

  it('leaves an index it does not write (version 4) to the caller, unchanged', async () => {
    const [dir] = await twins();
    git(dir, 'update-index', '--index-version', '4');
    const before = git(dir, 'ls-files', '-s', '--debug');
    await writeFile(join(dir, 'p/z.md'), '# changed\n');
    assert.equal(await stageInGitIndex(dir, ['p/z.md']), false);
    assert.equal(await stagedBlobIds(dir, ['p/z.md']), null);
    assert.equal(git(dir, 'ls-files', '-s', '--debug'), before);
  });

  it('never rewrites an index whose bytes fail their checksum, so the damage is not hidden', async () => {
    const [dir] = await twins();
    const file = join(dir, '.git', 'index');
    const damaged = await readFile(file);
    // One byte of the first entry's path: the header still reads, the SHA-1 trailer does not match.
    damaged[12 + 62] = damaged[12 + 62]! ^ 0x20;
    await writeFile(file, damaged);
    await writeFile(join(dir, 'p/z.md'), '# changed\n');
    assert.equal(await stageInGitIndex(dir, ['p/z.md']), false);
    assert.deepEqual(await readFile(file), damaged);
  });
});
