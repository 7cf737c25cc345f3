import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { create } from 'tar';
import { runCli } from '../helpers/cli.js';
import { commitSubjects, fsck } from '../helpers/git.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { twinProjects } from './helpers.js';

/** What a user sees with `ls -A`: a failed restore must leave nothing a server would start on. */
function leftovers(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('restore of a damaged or foreign archive', () => {
  let server: TestServer;
  let work: string;
  let archive: string;

  before(async () => {
    server = await startSuiteServer();
    await twinProjects(server.client, 'alpha', 'beta');
    work = await mkdtemp(join(tmpdir(), 'aim-restore-'));
    archive = join(work, 'a1.tar.gz');
    const made = await runCli(['backup', '--out', archive], { env: { AI_MEMORY_SERVER_URL: server.url } });
    assert.equal(made.code, 0, made.stderr);
  });

  after(async () => {
    await server.dispose();
    await rm(work, { recursive: true, force: true });
  });

  it('leaves the data dir empty for a truncated archive, so a retry with the whole one succeeds', async () => {
    const whole = readFileSync(archive);
    // Cut inside the first entries, in the middle, near the end, and inside the gzip trailer (CRC and length).
    const cuts = [0.05, 0.3, 0.6, 0.9].map((f) => Math.floor(whole.length * f)).concat([whole.length - 8, whole.length - 1]);
    for (const cut of cuts) {
      const truncated = join(work, `cut-${cut}.tar.gz`);
      writeFileSync(truncated, whole.subarray(0, cut));
      for (const target of [join(work, `new-${cut}`), join(work, `empty-${cut}`)]) {
        if (target.includes('empty-')) mkdirSync(target);
        const result = await runCli(['restore', '--from', truncated, '--data-dir', target]);
        assert.equal(result.code, 2, `cut at ${cut}: ${result.stderr}`);
        assert.deepEqual(leftovers(target), [], `cut at ${cut} of ${whole.length} bytes left files in ${target}`);
        assert.match(result.stderr, /not a readable ai-memory backup.*nothing was restored/);
      }
    }

    const target = join(work, `empty-${cuts[1]}`);
    const retry = await runCli(['restore', '--from', archive, '--data-dir', target]);
    assert.equal(retry.code, 0, retry.stderr);
    fsck(join(target, 'wiki'));
    assert.deepEqual(commitSubjects(join(target, 'wiki')), commitSubjects(server.wikiDir));
  });

  it('finishes over what a killed restore left behind', async () => {
    const target = join(work, 'killed');
    mkdirSync(join(target, '.ai-memory-restore.partial', 'wiki', '.git'), { recursive: true });
    writeFileSync(join(target, '.ai-memory-restore.partial', 'wiki', '.git', 'HEAD'), 'half');

    const result = await runCli(['restore', '--from', archive, '--data-dir', target]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!readdirSync(target).includes('.ai-memory-restore.partial'));
    assert.ok(readdirSync(target).includes('wiki'));
    fsck(join(target, 'wiki'));
  });

  it('rejects an archive with an entry outside the data dir and writes nothing, inside or out', async () => {
    const source = join(work, 'hostile', 'inner');
    mkdirSync(join(source, 'wiki', '.git'), { recursive: true });
    writeFileSync(join(source, 'wiki', '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(work, 'hostile', 'escape.txt'), 'planted');
    const hostile = join(work, 'hostile.tar.gz');
    await create({ gzip: true, file: hostile, cwd: source, preservePaths: true }, ['wiki', '../escape.txt']);

    const target = join(work, 'victim');
    const result = await runCli(['restore', '--from', hostile, '--data-dir', target]);
    assert.equal(result.code, 2, result.stderr);
    assert.deepEqual(leftovers(target), []);
    assert.ok(!existsSync(join(work, 'escape.txt')));
    assert.match(result.stderr, /entry outside the data dir \(\.\.\/escape\.txt\)/);
  });

  it('removes what it unpacked when the archive fails only while unpacking (a link out of the data dir)', async () => {
    // Every path is inside, so the check passes; tar refuses the link when it gets to it.
    const links = join(work, 'links');
    const files = join(work, 'files');
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(links);
    mkdirSync(join(files, 'wiki', '.git'), { recursive: true });
    mkdirSync(elsewhere);
    symlinkSync('../../elsewhere', join(links, 'wiki'));
    writeFileSync(join(files, 'wiki', '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const linked = join(work, 'linked.tar.gz');
    execFileSync('tar', ['-czf', linked, '-C', files, 'wiki/.git/HEAD', '-C', links, 'wiki', '-C', files, 'wiki/.git/HEAD']);

    const target = join(work, 'linked-target');
    const result = await runCli(['restore', '--from', linked, '--data-dir', target]);
    assert.equal(result.code, 2, result.stderr);
    assert.deepEqual(leftovers(target), []);
    assert.deepEqual(readdirSync(elsewhere), []);
    assert.match(result.stderr, /not a readable ai-memory backup.*nothing was restored/);
  });

  it('says the data dir must be a folder when --data-dir names a file', async () => {
    const file = join(work, 'notes.txt');
    writeFileSync(file, 'mine');
    for (const target of [file, join(file, 'sub')]) {
      const result = await runCli(['restore', '--from', archive, '--data-dir', target]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /is not a folder; the data dir must be a folder/);
    }
    assert.equal(readFileSync(file, 'utf8'), 'mine');
    assert.ok(statSync(file).isFile());
  });
});
