import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RELATED_BUDGET_FROM_PAGES, rarestWithinShare, type WordShare } from '../../lib/core/related-budget.js';

const PAGES = 10_000;
const counts: Record<string, number> = { podman: 3, kubernetes: 1561, docker: 1710, nerdctl: 0 };
const share = (pages: number) => (word: string): WordShare => ({ holding: counts[word] ?? 0, pages });

describe('related words within the common share of the searched pages', () => {
  it('keeps the rarest words while their pages together stay within a fifth of the scope', () => {
    // podman (3) + kubernetes (1561) fit in 2000; docker would take them to 3274.
    assert.deepEqual(rarestWithinShare(['docker', 'kubernetes', 'podman'], share(PAGES)), ['podman', 'kubernetes']);
  });

  it('leaves out words no page holds: they cost a term lookup and find nothing', () => {
    assert.deepEqual(rarestWithinShare(['nerdctl', 'podman'], share(PAGES)), ['podman']);
  });

  it('keeps nothing when even the rarest word is common', () => {
    assert.deepEqual(rarestWithinShare(['docker'], share(5000)), []);
  });

  it('searches every word on a small scope, counting only one', () => {
    const asked: string[] = [];
    const small = (word: string) => (asked.push(word), { holding: counts[word] ?? 0, pages: RELATED_BUDGET_FROM_PAGES - 1 });
    assert.deepEqual(rarestWithinShare(['docker', 'kubernetes', 'podman'], small), ['docker', 'kubernetes', 'podman']);
    assert.deepEqual(asked, ['docker']);
  });
});
