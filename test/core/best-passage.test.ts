import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passageFocus, stemOf } from '../../lib/core/best-passage.js';

const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const terms = [
  { term: 'deploy', weight: 1 },
  { term: 'timeout', weight: 3 },
];

describe('the best passage of a long page', () => {
  it('tells query words side by side from the same words far apart', () => {
    const together = passageFocus(`${filler(200)} the deploy hit a timeout ${filler(200)}`, terms, 30);
    assert.deepEqual(together, { window: 1, page: 1 });
    const apart = passageFocus(`deploy ${filler(200)} timeout`, terms, 30);
    assert.deepEqual(apart, { window: 0.75, page: 1 }, 'the best window holds the rarer word only');
  });

  it('counts what the page holds at all, weighted by rarity', () => {
    assert.deepEqual(passageFocus(`deploys ${filler(10)}`, terms, 30), { window: 0.25, page: 0.25 });
    assert.deepEqual(passageFocus(filler(50), terms, 30), { window: 0, page: 0 });
  });

  it('meets the forms the full-text stemmer joins', () => {
    for (const [a, b] of [['entries', 'entry'], ['updated', 'updates'], ['running', 'run'], ['classes', 'class'], ['timeouts', 'timeout']]) {
      assert.equal(stemOf(a!), stemOf(b!), `${a} and ${b}`);
    }
    assert.notEqual(stemOf('deploy'), stemOf('depot'));
  });
});
