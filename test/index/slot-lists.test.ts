import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlotLists } from '../../lib/index/slot-lists.js';

/** A deterministic generator, so a failure names the same lists every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('SlotLists.forEachSlot (the link graph\'s lookups)', () => {
  it('visits the slots listed under an id in the order they were added, full load then overlay, and stops where the visitor asks', () => {
    const next = random(17);
    const lists = new SlotLists();
    const capacity = 60;
    const pairs: Array<[number, number]> = [];
    for (let n = 0; n < 400; n++) pairs.push([Math.floor(next() * capacity), Math.floor(next() * 1_000)]);
    lists.rebuild(capacity, (emit) => pairs.forEach(([id, slot]) => emit(id, slot)));
    // Pages added after the full load, some under ids the load never saw.
    const added: Array<[number, number]> = [];
    for (let n = 0; n < 80; n++) added.push([Math.floor(next() * (capacity + 10)), 1_000 + n]);
    for (const [id, slot] of added) lists.add(id, slot);
    for (let id = 0; id < capacity + 12; id++) {
      const expected = [...pairs, ...added].filter(([listed]) => listed === id).map(([, slot]) => slot);
      const visited: number[] = [];
      lists.forEachSlot(id, (slot) => void visited.push(slot));
      assert.deepEqual(visited, expected, `id ${id}`);
      for (let stopAt = 0; stopAt < expected.length; stopAt++) {
        const seen: number[] = [];
        lists.forEachSlot(id, (slot) => seen.push(slot) > stopAt);
        assert.deepEqual(seen, expected.slice(0, stopAt + 1), `id ${id}, stopping after ${stopAt + 1}`);
      }
    }
  });
});
