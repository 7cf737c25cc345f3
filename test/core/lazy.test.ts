import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lazy } from '../../lib/core/lazy.js';

describe('a module loaded on first use', () => {
  it('loads once for concurrent first callers and keeps the value', async () => {
    let loads = 0;
    const load = lazy(async () => {
      loads += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return { loadedAs: loads };
    });
    const [a, b] = await Promise.all([load(), load()]);
    assert.equal(a, b);
    assert.equal(await load(), a);
    assert.equal(loads, 1);
  });

  it('tries again after a failed load instead of failing forever', async () => {
    let calls = 0;
    const load = lazy(async () => {
      calls += 1;
      if (calls === 1) throw new Error('module missing');
      return 'loaded';
    });
    await assert.rejects(load(), /module missing/);
    assert.equal(await load(), 'loaded');
    assert.equal(calls, 2);
  });
});
