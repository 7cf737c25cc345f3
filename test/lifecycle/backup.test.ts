import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { commitSubjects, fsck, git } from '../helpers/git.js';
import { startSuiteServer, startTestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { captureSession, hits, twinProjects } from './helpers.js';

describe('backup and restore', () => {
  it('round-trips a data dir: same search results, same history, same raw events', async () => {
    const server = await startTestServer();
    await twinProjects(server.client, 'alpha', 'beta');
    await server.client.writePage({ project: 'alpha', path: 'notes/setup.md', title: 'Setup', body: 'Rewritten: zebracorn v2' });
    await captureSession(server.url, server.wikiDir, 'alpha', 'alpha-session', 'the quokka migration');

    const work = await tempDir();
    const archive = join(work, 'memory.tar.gz');
    const made = await runCli(['backup', '--out', archive, '--json'], { env: { AI_MEMORY_SERVER_URL: server.url } });
    assert.equal(made.code, 0, made.stderr);
    assert.equal(JSON.parse(made.stdout).file, archive);
    assert.equal(statSync(archive).mode & 0o777, 0o600, 'a backup holds secrets: owner-only');
    const listing = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).split('\n');
    assert.ok(listing.includes('wiki/.git/HEAD'));
    assert.ok(listing.some((p) => p.startsWith('raw/default/alpha/')));
    assert.ok(!listing.some((p) => p.startsWith('index/')), 'the derived index is not backed up');

    const target = join(work, 'restored');
    const restored = await runCli(['restore', '--from', archive, '--data-dir', target, '--json']);
    assert.equal(restored.code, 0, restored.stderr);
    fsck(join(target, 'wiki'));
    assert.deepEqual(commitSubjects(join(target, 'wiki')), commitSubjects(server.wikiDir));
    assert.equal(git(join(target, 'wiki'), 'status', '--porcelain').trim(), '');
    assert.deepEqual(readdirSync(join(target, 'raw/default/alpha')), ['alpha-session.jsonl']);

    const copy = await startSuiteServer({}, target);
    try {
      for (const q of ['zebracorn', 'quokka migration', 'postgres']) {
        assert.deepEqual(await hits(copy.client, q), await hits(server.client, q), q);
      }
      const scope = { workspace: 'default', project: 'alpha' };
      const original = await server.client.history(scope, 'notes/setup.md');
      const again = await copy.client.history(scope, 'notes/setup.md');
      assert.deepEqual(again.commits.map((c) => c.commit), original.commits.map((c) => c.commit));
      const old = await copy.client.readPage(scope, 'notes/setup.md', { rev: original.commits.at(-1)!.commit });
      assert.match(old.body, /How alpha is set up/);
    } finally {
      await copy.stop();
    }
  });

  it('restores only onto an empty data dir, and rejects a file that is not a backup', async () => {
    const work = await tempDir();
    const busy = join(work, 'busy');
    execFileSync('mkdir', ['-p', busy]);
    writeFileSync(join(busy, 'keep.txt'), 'mine');
    writeFileSync(join(work, 'fake.tar.gz'), 'not an archive at all');

    const onto = await runCli(['restore', '--from', join(work, 'fake.tar.gz'), '--data-dir', busy]);
    assert.equal(onto.code, 5);
    assert.match(onto.stderr, /not empty/);
    assert.deepEqual(readdirSync(busy), ['keep.txt']);

    const empty = join(work, 'empty');
    const garbage = await runCli(['restore', '--from', join(work, 'fake.tar.gz'), '--data-dir', empty]);
    assert.equal(garbage.code, 2);
    assert.match(garbage.stderr, /not a readable ai-memory backup|no wiki repository/);
    // The archive is checked before anything is created: the target stays missing.
    assert.ok(!existsSync(empty));

    const missing = await runCli(['restore', '--from', join(work, 'nope.tar.gz'), '--data-dir', empty]);
    assert.equal(missing.code, 4);
  });

  it('says when the --out folder does not exist, before asking the server', async () => {
    const work = await tempDir();
    // No server at this URL: the folder is checked first.
    const result = await runCli(['backup', '--out', join(work, 'nodir', 'memory.tar.gz')], { env: { AI_MEMORY_SERVER_URL: 'http://127.0.0.1:9' } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /there is no folder .*nodir \(create it first\)/);
    assert.deepEqual(readdirSync(work), []);
  });

  it('writes into an existing folder given as --out, under the default file name', async () => {
    const server = await startTestServer();
    await server.client.writePage({ project: 'alpha', path: 'notes/setup.md', title: 'Setup', body: 'zebracorn' });
    const folder = await tempDir();
    const env = { AI_MEMORY_SERVER_URL: server.url };

    const made = await runCli(['backup', '--out', folder, '--json'], { env });
    assert.equal(made.code, 0, made.stderr);
    const file = JSON.parse(made.stdout).file as string;
    assert.match(file, new RegExp(`^${folder}/ai-memory-backup-[^/]+\\.tar\\.gz$`));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).split('\n').includes('wiki/.git/HEAD'));

    const again = await runCli(['backup', '--out', `${folder}/`], { env });
    assert.equal(again.code, 0, again.stderr);
    const written = /Backup written to (\S+) /.exec(again.stdout)?.[1];
    assert.ok(written?.startsWith(`${folder}/ai-memory-backup-`), again.stdout);
    assert.deepEqual(readdirSync(folder).sort(), [file, written!].map((p) => p.slice(folder.length + 1)).sort(), 'no .partial left');
  });

  it('refuses an --out it could not write, before asking the server', async () => {
    const work = await tempDir();
    writeFileSync(join(work, 'notes.txt'), 'mine');
    execFileSync('mkfifo', [join(work, 'pipe')]);
    mkdirSync(join(work, 'sub'));
    // No server at this URL: each target is refused first (exit 2, not 3).
    const env = { AI_MEMORY_SERVER_URL: 'http://127.0.0.1:9' };
    const cases: Array<[string, RegExp]> = [
      [join(work, 'notes.txt', 'memory.tar.gz'), /notes\.txt is a file, not a folder/],
      [join(work, 'pipe'), /pipe: it exists and is not a regular file/],
      [`${join(work, 'nodir')}/`, /there is no folder .*nodir \(create it first\)/],
    ];
    for (const [out, message] of cases) {
      const result = await runCli(['backup', '--out', out], { env });
      assert.equal(result.code, 2, `${out}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    assert.deepEqual(readdirSync(work).sort(), ['notes.txt', 'pipe', 'sub']);
  });
});
