import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idleDroppingCache } from '../../lib/store/git-cache.js';

describe("isomorphic-git's cache, dropped when git is idle", () => {
  it('keeps one cache while calls keep coming, and a fresh one after a quiet spell', async () => {
    const cache = idleDroppingCache(1_000);
    const first = cache.current;
    // Used every 100 ms for 0.8 s: never idle for 1 s, so never dropped.
    for (let i = 0; i < 8; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(cache.current, first, `still the same cache after ${(i + 1) * 100} ms of use`);
    }
    // Left alone, the packfiles it holds go with it.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.notEqual(cache.current, first, 'a fresh cache after the quiet spell');
  });
});
