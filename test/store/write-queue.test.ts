import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWriteQueue, type RunOptions, type WriteQueue } from '../../lib/store/write-queue.js';

/** Queues labelled jobs while a first job holds the writer, then lets them all run. */
async function runOrder(queue: WriteQueue, jobs: Array<[string, RunOptions?]>, whileHeld?: () => void): Promise<string[]> {
  const order: string[] = [];
  let release!: () => void;
  const held = queue.run(() => new Promise<void>((resolve) => (release = resolve)), { lane: 'background' });
  const all = jobs.map(([label, options]) => queue.run(async () => void order.push(label), options));
  whileHeld?.();
  await new Promise((r) => setImmediate(r));
  release();
  await Promise.all([held, ...all]);
  return order;
}

describe('the write queue', () => {
  it('runs one job at a time, whatever the lane', async () => {
    const queue = createWriteQueue({ backgroundEvery: 2 });
    let active = 0;
    let most = 0;
    const job = async () => {
      active += 1;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 1));
      active -= 1;
    };
    await Promise.all(Array.from({ length: 30 }, (_, i) => queue.run(job, { lane: i % 3 === 0 ? 'interactive' : 'background' })));
    assert.equal(most, 1);
    assert.equal(queue.pending, 0);
  });

  it('puts an interactive job ahead of a background backlog', async () => {
    const queue = createWriteQueue();
    const order = await runOrder(queue, [['b1', { lane: 'background' }], ['b2', { lane: 'background' }], ['b3', { lane: 'background' }], ['page', undefined]]);
    assert.deepEqual(order, ['page', 'b1', 'b2', 'b3']);
  });

  it('still gives background work a turn after every N interactive jobs', async () => {
    const queue = createWriteQueue({ backgroundEvery: 2 });
    const jobs: Array<[string, RunOptions?]> = [
      ['b1', { lane: 'background' }],
      ['b2', { lane: 'background' }],
      ...['i1', 'i2', 'i3', 'i4', 'i5'].map((label): [string] => [label]),
    ];
    assert.deepEqual(await runOrder(queue, jobs), ['i1', 'i2', 'b1', 'i3', 'i4', 'b2', 'i5']);
  });

  it('keeps the order of each lane', async () => {
    const queue = createWriteQueue({ backgroundEvery: 1 });
    const jobs: Array<[string, RunOptions?]> = Array.from({ length: 8 }, (_, i) => [`${i % 2 ? 'b' : 'i'}${i}`, { lane: i % 2 ? 'background' : 'interactive' }]);
    const order = await runOrder(queue, jobs);
    assert.deepEqual(order.filter((l) => l.startsWith('i')), ['i0', 'i2', 'i4', 'i6']);
    assert.deepEqual(order.filter((l) => l.startsWith('b')), ['b1', 'b3', 'b5', 'b7']);
  });

  it('promotes the waiting background jobs of a tag to the interactive lane', async () => {
    const queue = createWriteQueue();
    const jobs: Array<[string, RunOptions?]> = [
      ['a1', { lane: 'background', tag: 'a' }],
      ['b1', { lane: 'background', tag: 'b' }],
      ['a2', { lane: 'background', tag: 'a' }],
      ['page', undefined],
    ];
    let moved = 0;
    const order = await runOrder(queue, jobs, () => (moved = queue.promote('a')));
    assert.equal(moved, 2);
    assert.deepEqual(order, ['page', 'a1', 'a2', 'b1']);
  });

  it('rejects only the failed job, and drain waits for every queued job', async () => {
    const queue = createWriteQueue();
    const done: string[] = [];
    const failing = queue.run(async () => {
      throw new Error('disk full');
    }, { lane: 'background' });
    const later = queue.run(async () => void done.push('later'));
    const background = queue.run(async () => void done.push('background'), { lane: 'background' });
    await assert.rejects(failing, /disk full/);
    await queue.drain();
    assert.deepEqual(done.sort(), ['background', 'later']);
    await later;
    await background;
    assert.equal(queue.pending, 0);
  });
});
