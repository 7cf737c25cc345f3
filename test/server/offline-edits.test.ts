import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../lib/core/logger.js';
import { commitOfflineEdits, type OfflineEditsDeps } from '../../lib/server/offline-edits.js';

/** A stand-in for the index, git and the commit queue: what the check reads and where its paths go. */
function deps(from: { startupChanges?: string[]; child?: Promise<string[] | undefined>; git?: () => Promise<string[]> }) {
  const scheduled: string[][] = [];
  const value: OfflineEditsDeps = {
    index: { startupChanges: from.startupChanges ?? null, uncommittedAtStart: from.child ?? null },
    store: { git: { uncommittedMarkdown: from.git ?? (() => Promise.resolve(['from-git.md'])) } },
    externalCommits: { schedule: (rels) => void scheduled.push([...rels]) },
  };
  return { value, scheduled };
}
const never = new Promise<never>(() => {});

describe('edits made while no server ran', () => {
  it('are committed from the warm start scan, the build child or git, in that order of preference', async () => {
    const scan = deps({ startupChanges: ['a.md'] });
    await commitOfflineEdits(scan.value, never, silentLogger);
    assert.deepEqual(scan.scheduled, [['a.md']]);
    const child = deps({ child: Promise.resolve(['b.md']) });
    await commitOfflineEdits(child.value, never, silentLogger);
    assert.deepEqual(child.scheduled, [['b.md']]);
    // The child could not tell: this process asks git itself.
    const unknown = deps({ child: Promise.resolve(undefined) });
    await commitOfflineEdits(unknown.value, never, silentLogger);
    assert.deepEqual(unknown.scheduled, [['from-git.md']]);
  });

  it('do not hold a stop up while the build child is still checking; nothing is scheduled after it', async () => {
    let answer: (paths: string[]) => void = () => {};
    const slow = deps({ child: new Promise((resolve) => (answer = resolve)) });
    let stop: () => void = () => {};
    const stopping = new Promise<void>((resolve) => (stop = resolve));
    const check = commitOfflineEdits(slow.value, stopping, silentLogger);
    stop();
    await check; // would hang for as long as the child takes without the stop
    answer(['late.md']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(slow.scheduled, []);
  });

  it('a check run in this process is finished before a stop goes on, and its paths are scheduled', async () => {
    let gitAnswer: (paths: string[]) => void = () => {};
    const inProcess = deps({ child: Promise.resolve(undefined), git: () => new Promise((resolve) => (gitAnswer = resolve)) });
    let stop: () => void = () => {};
    const stopping = new Promise<void>((resolve) => (stop = resolve));
    let settled = false;
    const check = commitOfflineEdits(inProcess.value, stopping, silentLogger).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    stop();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false, 'the stop must wait for the git check it began');
    gitAnswer(['edited.md']);
    await check;
    assert.deepEqual(inProcess.scheduled, [['edited.md']]);
  });

  it('a failing check is a warning, never a failed stop', async () => {
    const warnings: string[] = [];
    const failing = deps({ child: Promise.resolve(undefined), git: () => Promise.reject(new Error('bad HEAD')) });
    await commitOfflineEdits(failing.value, never, { ...silentLogger, warn: (message) => void warnings.push(message) });
    assert.match(warnings.join('\n'), /could not check for uncommitted edits: bad HEAD/);
  });
});
