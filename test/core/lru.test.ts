import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LruCache } from '../../lib/core/lru.js';

describe('LruCache', () => {
  it('forgets the least recently used entry when full, keeping the ones read lately', () => {
    const cache = new LruCache<string>(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    assert.equal(cache.get('a'), 'A');
    cache.set('c', 'C');
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 'A');
    assert.equal(cache.get('c'), 'C');
    assert.equal(cache.size, 2);
  });

  it('stays within its size budget and never keeps a value larger than the budget', () => {
    const cache = new LruCache<string>(100, 10, (value) => value.length);
    cache.set('a', '12345');
    cache.set('b', '12345');
    cache.set('c', '123');
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('b'), '12345');
    cache.set('huge', '12345678901');
    assert.equal(cache.get('huge'), undefined);
    assert.equal(cache.get('c'), '123');
  });

  it('replaces a value under the same key without counting it twice', () => {
    const cache = new LruCache<string>(100, 10, (value) => value.length);
    cache.set('a', '123456');
    cache.set('a', '1234567');
    cache.set('b', '123');
    assert.equal(cache.get('a'), '1234567');
    assert.equal(cache.get('b'), '123');
  });
});
