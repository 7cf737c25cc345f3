import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { acquireLock, dataDirLayout, ensureDataDir } from '../../lib/store/data-dir.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

const state = (pid: number) => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return 'gone';
  }
};

/** `sh` forks a child and then becomes a `sleep` that never reaps it: kill -9 the child and it stays a zombie. */
function zombieMaker(): Promise<{ parent: ChildProcess; childPid: number }> {
  const parent = spawn('sh', ['-c', 'sleep 300 & echo $!; exec sleep 300'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    parent.stdout!.once('data', (chunk: Buffer) => resolve({ parent, childPid: Number(String(chunk).trim()) }));
    parent.once('error', reject);
  });
}

describe('the data-dir lock judges its owner by liveness and identity, not by pid alone', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
  const started: ChildProcess[] = [];
  after(() => {
    for (const child of started) child.kill('SIGKILL');
  });

  it('takes over the lock of a server killed with -9 that is still a zombie', async () => {
    const { parent, childPid } = await zombieMaker();
    started.push(parent);
    const layout = dataDirLayout(await tempDir('aim-zombie-'));
    await ensureDataDir(layout);
    await writeFile(join(layout.root, 'server.pid'), String(childPid));
    process.kill(childPid, 'SIGKILL');
    await waitFor(() => state(childPid) === 'Z', 'the killed process to be a zombie', 10_000);
    // Before: the pid "exists" (kill(pid, 0) succeeds on a zombie) and the restart was refused.
    const release = await acquireLock(layout);
    assert.equal(readFileSync(join(layout.root, 'server.pid'), 'utf8').trim(), String(process.pid));
    await release();
  });

  it('takes over a lock whose pid now belongs to a process started after it was written', async () => {
    const other = spawn('sleep', ['300'], { stdio: 'ignore' });
    started.push(other);
    const layout = dataDirLayout(await tempDir('aim-reused-'));
    await ensureDataDir(layout);
    const lock = join(layout.root, 'server.pid');
    await writeFile(lock, String(other.pid));
    const anHourAgo = new Date(Date.now() - 3600_000);
    await utimes(lock, anHourAgo, anHourAgo);
    const release = await acquireLock(layout);
    await release();
  });

  it('still refuses a lock held by a live process that wrote it', async () => {
    const owner = spawn('sleep', ['300'], { stdio: 'ignore' });
    started.push(owner);
    await waitFor(() => state(owner.pid!) === 'S', 'the owner to run');
    const layout = dataDirLayout(await tempDir('aim-held-'));
    await ensureDataDir(layout);
    await writeFile(join(layout.root, 'server.pid'), String(owner.pid));
    await assert.rejects(acquireLock(layout), (error: Error) => error.message.includes(`pid ${owner.pid}`));
  });
});
