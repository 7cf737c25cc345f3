import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { dataDirLayout, ensureDataDir } from '../../lib/store/data-dir.js';
import { tempDir } from '../helpers/temp.js';

// Captured prompts and tool output live in the data dir: other local users must not read them.
test('a new data dir is private to its owner; an existing one keeps its mode', async () => {
  const parent = await tempDir('aim-datadir-');
  const fresh = dataDirLayout(join(parent, 'nested/memory'));
  await ensureDataDir(fresh);
  assert.equal((await stat(fresh.root)).mode & 0o777, 0o700);
  assert.ok((await stat(fresh.raw)).isDirectory());

  const existing = join(parent, 'shared');
  await mkdir(existing, { mode: 0o750 });
  await ensureDataDir(dataDirLayout(existing));
  assert.equal((await stat(existing)).mode & 0o777, 0o750);
});

// Two agents can launch a stdio server on the same data dir at the same instant: exactly one
// may own it, whether the lock is free or left behind by a dead process. Six processes race
// over twelve data dirs in turn (one round every 150 ms); every owner stays alive until all have
// finished, so a late process always meets a live owner.
test('of several processes taking the lock at once, exactly one gets it, also over a stale lock', async () => {
  const { spawn } = await import('node:child_process');
  const { writeFile } = await import('node:fs/promises');
  const parent = await tempDir('aim-lock-');
  const rounds = 12;
  const dirs = Array.from({ length: rounds }, (_, round) => join(parent, `data-${round}`));
  for (const [round, dir] of dirs.entries()) {
    await ensureDataDir(dataDirLayout(dir));
    if (round % 2 === 1) await writeFile(join(dir, 'server.pid'), '2147483646'); // a pid nobody has
  }
  const release = join(parent, 'release');
  const script = `
    const { acquireLock, dataDirLayout } = await import(${JSON.stringify(new URL('../../lib/store/data-dir.ts', import.meta.url).href)});
    const { existsSync } = await import('node:fs');
    const dirs = JSON.parse(process.env.DIRS);
    const outcomes = [];
    for (const [round, dir] of dirs.entries()) {
      await new Promise((r) => setTimeout(r, Number(process.env.START_AT) + round * 150 - Date.now()));
      try {
        await acquireLock(dataDirLayout(dir));
        outcomes.push('owner');
      } catch (error) { outcomes.push(error.code); }
    }
    process.stdout.write(JSON.stringify(outcomes) + '\\n');
    // Hold every lock won until every other process has tried (a loaded machine starts them seconds apart).
    const until = Date.now() + 60_000;
    while (!existsSync(process.env.RELEASE) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));`;
  const startAt = Date.now() + 1500;
  const ended: Promise<unknown>[] = [];
  const runs = Array.from({ length: 6 }, () => new Promise<string[]>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, DIRS: JSON.stringify(dirs), START_AT: String(startAt), RELEASE: release } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.endsWith('\n')) resolve(JSON.parse(out) as string[]);
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    ended.push(new Promise((done) => child.on('close', done)));
    child.on('close', () => reject(new Error(`a racer ended without a result: ${err}`)));
  }));
  const results = await Promise.all(runs).finally(() => writeFile(release, ''));
  await Promise.all(ended); // before the temp dir, and the release file in it, is removed
  for (const [round, dir] of dirs.entries()) {
    const outcomes = results.map((result) => result[round]);
    const what = `${round % 2 === 1 ? 'stale' : 'free'} lock in ${dir}: ${outcomes.join(' ')}`;
    assert.equal(outcomes.filter((o) => o === 'owner').length, 1, what);
    assert.equal(outcomes.filter((o) => o === 'CONFLICT').length, 5, what);
  }
});

// A taker killed between filing its claim and replacing the lock must not block every later start.
test('a takeover claim left by a dead process does not stop the next server', async () => {
  const { writeFile, readdir } = await import('node:fs/promises');
  const { readFileSync } = await import('node:fs');
  const { acquireLock } = await import('../../lib/store/data-dir.js');
  const layout = dataDirLayout(await tempDir('aim-claim-'));
  await ensureDataDir(layout);
  await writeFile(join(layout.root, 'server.pid'), '2147483646');
  await writeFile(join(layout.root, 'server.pid.claim-2147483645-0badc0de'), '');
  const release = await acquireLock(layout);
  assert.equal(readFileSync(join(layout.root, 'server.pid'), 'utf8').trim(), String(process.pid));
  assert.deepEqual((await readdir(layout.root)).filter((name) => name.startsWith('server.pid.')), [], 'no claim or temp file is left');
  await release();
});
