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
// may own it, whether the lock is free or left behind by a dead process.
test('of several processes taking the lock at once, exactly one gets it, also over a stale lock', async () => {
  const { spawn } = await import('node:child_process');
  const { writeFile } = await import('node:fs/promises');
  const dataDir = await tempDir('aim-lock-');
  await ensureDataDir(dataDirLayout(dataDir));
  const script = `
    const { acquireLock, dataDirLayout } = await import(${JSON.stringify(new URL('../../lib/store/data-dir.ts', import.meta.url).href)});
    await new Promise((r) => setTimeout(r, Number(process.env.START_AT) - Date.now()));
    const { existsSync } = await import('node:fs');
    try {
      await acquireLock(dataDirLayout(process.env.DIR));
      process.stdout.write('owner');
      // Hold the lock until every other process has tried (a loaded machine may start them seconds apart).
      const until = Date.now() + 60_000;
      while (!existsSync(process.env.RELEASE) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    }
    catch (error) { process.stdout.write(error.code); }`;
  const race = async () => {
    const startAt = Date.now() + 700;
    const release = join(dataDir, `release-${startAt}`);
    let refused = 0;
    const runs = Array.from({ length: 6 }, () => new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, DIR: dataDir, START_AT: String(startAt), RELEASE: release } });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('close', () => {
        if (out !== 'owner' && ++refused === 5) void writeFile(release, '');
        resolve(out);
      });
    }));
    const outcomes = await Promise.all(runs);
    await writeFile(release, '');
    return outcomes;
  };
  for (const lock of [null, '2147483646']) {
    const { rm } = await import('node:fs/promises');
    await rm(join(dataDir, 'server.pid'), { force: true });
    if (lock) await writeFile(join(dataDir, 'server.pid'), lock); // a pid nobody has
    const outcomes = await race();
    assert.equal(outcomes.filter((o) => o === 'owner').length, 1, outcomes.join(' '));
    assert.equal(outcomes.filter((o) => o === 'CONFLICT').length, 5, outcomes.join(' '));
  }
});
