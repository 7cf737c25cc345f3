import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createGitObjects, GitObjectMissing } from '../../lib/store/git-objects.js';
import { createGitRepo } from '../../lib/store/git-repo.js';
import { commitSubjects, fsck, git } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';

const AS_TESTER = ['-c', 'user.name=Tester', '-c', 'user.email=t@localhost'];

/**
 * A repository written by the git CLI with history worth deltifying (the same pages edited over
 * many commits, trees in several folders), then packed: `ofs` deltas name their base by position
 * (git's default), `ref` deltas by id.
 */
async function packedRepo(deltas: 'ofs' | 'ref'): Promise<string> {
  const dir = await tempDir('aim-objects-');
  git(dir, 'init', '-q', '-b', 'main');
  const paragraph = (i: number) => `Paragraph ${i}: the cache keeps decoded pages so a restart is warm.\n`;
  for (let round = 0; round < 12; round += 1) {
    for (const folder of ['default/demo/notes', 'default/demo/decisions', 'team/api/notes']) {
      await mkdir(join(dir, folder), { recursive: true });
      for (let n = 0; n < 4; n += 1) {
        const lines = Array.from({ length: 60 }, (_, i) => paragraph(i)).join('');
        await writeFile(join(dir, folder, `page-${n}.md`), `# Page ${n}\n\n${lines}round ${round}\n${'x'.repeat(round * 50)}\n`);
      }
    }
    git(dir, 'add', '-A');
    git(dir, ...AS_TESTER, 'commit', '-qm', `round ${round}\n\nbody of round ${round}`);
  }
  git(dir, '-c', `repack.useDeltaBaseOffset=${deltas === 'ofs'}`, 'repack', '-adfq', '--depth=50', '--window=50');
  git(dir, 'prune-packed');
  return dir;
}

/** Every object reachable in the repository, as `git cat-file --batch` reads it. */
function allObjects(dir: string, oids = git(dir, 'rev-list', '--objects', '--all').trim().split('\n').map((line) => line.slice(0, 40))): Array<{ oid: string; type: string; content: Buffer }> {
  const out = execFileSync('git', ['-C', dir, 'cat-file', '--batch'], { input: `${oids.join('\n')}\n`, maxBuffer: 64 * 1024 * 1024 });
  const objects = [];
  for (let at = 0; at < out.length; ) {
    const newline = out.indexOf(0x0a, at);
    const [oid, type, size] = out.toString('latin1', at, newline).split(' ');
    objects.push({ oid: oid!, type: type!, content: out.subarray(newline + 1, newline + 1 + Number(size)) });
    at = newline + 1 + Number(size) + 1;
  }
  return objects;
}

describe('reading git objects without loading a packfile whole', () => {
  for (const deltas of ['ofs', 'ref'] as const) {
    it(`reads every object of a gc-ed repository (${deltas} deltas) byte for byte as git does`, async () => {
      const dir = await packedRepo(deltas);
      assert.equal(readdirSync(join(dir, '.git/objects')).filter((name) => /^[0-9a-f]{2}$/.test(name)).length, 0, 'everything is packed');
      assert.match(git(dir, 'verify-pack', '-v', ...readdirSync(join(dir, '.git/objects/pack')).filter((n) => n.endsWith('.idx')).map((n) => join(dir, '.git/objects/pack', n))), /chain length = [2-9]/, 'the pack holds delta chains');
      const objects = createGitObjects(join(dir, '.git'));
      const expected = allObjects(dir);
      assert.ok(expected.length > 100, `${expected.length} objects`);
      for (const { oid, type, content } of expected) {
        const read = await objects.read(oid);
        assert.equal(read.type, type, oid);
        assert.ok(read.content.equals(content), `${type} ${oid} reads as git reads it`);
      }
    });
  }

  it('parses commits and trees, and finds files at a commit', async () => {
    const dir = await packedRepo('ofs');
    const objects = createGitObjects(join(dir, '.git'));
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    const commit = await objects.readCommit(head);
    assert.equal(commit.tree, git(dir, 'rev-parse', 'HEAD^{tree}').trim());
    assert.deepEqual(commit.parent, [git(dir, 'rev-parse', 'HEAD~1').trim()]);
    assert.equal(commit.author.name, 'Tester');
    assert.equal(commit.message, 'round 11\n\nbody of round 11\n');
    const notes = await objects.readTreeAt(head, 'default/demo/notes');
    assert.deepEqual(notes?.map((e) => [e.mode, e.path, e.type]), [0, 1, 2, 3].map((n) => ['100644', `page-${n}.md`, 'blob']));
    assert.deepEqual((await objects.readTreeAt(head, 'default'))?.map((e) => [e.mode, e.path, e.type]), [['040000', 'demo', 'tree']]);
    assert.equal(await objects.readTreeAt(head, 'default/nowhere'), null);
    const old = git(dir, 'rev-parse', 'HEAD~5').trim();
    assert.equal((await objects.readBlobAt(old, 'team/api/notes/page-2.md'))?.toString(), git(dir, 'show', `${old}:team/api/notes/page-2.md`));
    assert.equal(await objects.readBlobAt(old, 'team/api/notes/missing.md'), null);
  });

  it('tells a missing object from a corrupt one, and says how to check the repository', async () => {
    const dir = await packedRepo('ofs');
    const objects = createGitObjects(join(dir, '.git'));
    await assert.rejects(objects.read('0123456789012345678901234567890123456789'), GitObjectMissing);
    // A loose copy of a blob with other content under its id: the reader must not trust it.
    const blob = git(dir, 'rev-parse', 'HEAD:default/demo/notes/page-0.md').trim();
    const other = execFileSync('git', ['-C', dir, 'hash-object', '-w', '--stdin'], { input: 'other text' }).toString().trim();
    await mkdir(join(dir, '.git/objects', blob.slice(0, 2)), { recursive: true });
    execFileSync('cp', [join(dir, '.git/objects', other.slice(0, 2), other.slice(2)), join(dir, '.git/objects', blob.slice(0, 2), blob.slice(2))]);
    await assert.rejects(objects.read(blob), /is corrupt .*git fsck/);
  });

  it('refuses an empty loose object and a damaged pack with an error, never a wrong answer', async () => {
    const dir = await packedRepo('ofs');
    writeFileSync(join(dir, 'late.md'), 'loose\n');
    const loose = execFileSync('git', ['-C', dir, 'hash-object', '-w', 'late.md']).toString().trim();
    // What a kill -9 in the middle of writing an object leaves.
    writeFileSync(join(dir, '.git/objects', loose.slice(0, 2), loose.slice(2)), '');
    await assert.rejects(createGitObjects(join(dir, '.git')).read(loose), /unreadable .*git fsck/);
    const before = allObjects(dir);
    const packs = join(dir, '.git/objects/pack');
    const pack = join(packs, readdirSync(packs).find((name) => name.endsWith('.pack'))!);
    const bytes = readFileSync(pack);
    // Damage the last quarter of the pack, where git puts the deltas of older versions.
    for (let i = Math.floor(bytes.length * 0.75); i < bytes.length - 20; i += 7) bytes[i] = bytes[i]! ^ 0x5a;
    execFileSync('chmod', ['u+w', pack]);
    writeFileSync(pack, bytes);
    const objects = createGitObjects(join(dir, '.git'));
    let refused = 0;
    for (const { oid, content } of before) {
      const read = await objects.read(oid).then((object) => object.content, () => null);
      if (read === null) refused += 1;
      else assert.ok(read.equals(content), `${oid} read back is what git wrote before the damage`);
    }
    assert.ok(refused > 0, 'some objects are refused');
  });

  it('finds objects of a pack that appeared after it first looked (a gc or a fetch)', async () => {
    const dir = await packedRepo('ofs');
    const objects = createGitObjects(join(dir, '.git'));
    await objects.readCommit(git(dir, 'rev-parse', 'HEAD').trim());
    writeFileSync(join(dir, 'late.md'), 'added after the first read\n');
    git(dir, 'add', 'late.md');
    git(dir, ...AS_TESTER, 'commit', '-qm', 'late');
    git(dir, 'repack', '-adq');
    git(dir, 'prune-packed');
    const late = await objects.readBlobAt(git(dir, 'rev-parse', 'HEAD').trim(), 'late.md');
    assert.equal(late?.toString(), 'added after the first read\n');
  });
});

describe('the wiki repository on a packed history', () => {
  it('commits, lists history and reads old versions after a `git gc`, and git finds the result valid', async () => {
    const dir = await packedRepo('ofs');
    const repository = createGitRepo(dir, { indexSyncDelayMs: 10_000 });
    await repository.init();
    const before = git(dir, 'rev-parse', 'HEAD').trim();
    await writeFile(join(dir, 'default/demo/notes/page-1.md'), 'rewritten by ai-memory\n');
    await writeFile(join(dir, 'default/demo/notes/new.md'), 'new page\n');
    const oid = await repository.commit(['default/demo/notes/page-1.md', 'default/demo/notes/new.md', 'default/demo/notes/page-2.md'], 'ai-memory write');
    assert.ok(oid);
    fsck(dir);
    assert.deepEqual(commitSubjects(dir).slice(0, 2), ['ai-memory write', 'round 11']);
    // Only the two changed files are in the commit; the unchanged one was matched against the packed tree.
    assert.deepEqual(git(dir, 'diff', '--name-only', before, oid!).trim().split('\n'), ['default/demo/notes/new.md', 'default/demo/notes/page-1.md']);
    assert.equal(git(dir, 'ls-tree', '-r', '--name-only', 'HEAD').trim().split('\n').length, 13);
    const history = await repository.commitsSince(oid!, () => false);
    assert.equal(history.length, 13);
    assert.deepEqual(history[0]!.paths.sort(), ['default/demo/notes/new.md', 'default/demo/notes/page-1.md']);
    assert.equal(history.at(-1)!.paths.length, 12, 'the first commit added every page');
    assert.equal(await repository.readAt(before, 'default/demo/notes/page-1.md'), git(dir, 'show', `${before}:default/demo/notes/page-1.md`));
    assert.deepEqual(await repository.trackedUnder('default/demo/decisions'), [0, 1, 2, 3].map((n) => `default/demo/decisions/page-${n}.md`));
    await repository.close();
  });
});
