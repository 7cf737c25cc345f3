import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retention, sweepVerdict, type DecayInput } from '../../lib/core/maintenance/decay.js';
import type { Tier } from '../../lib/core/page.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

interface Case {
  name: string;
  tier: Tier;
  age: number;
  accesses?: number;
  lastAccessDaysAgo?: number;
  pinned?: boolean;
  expiresAt?: string;
  expect: 'keep' | 'forget';
  reason: string;
}

// The reference system's lifecycle fixture (episodic 2d/60d/120d+50 accesses kept, 120d/200d
// evicted, pinned 300d kept, semantic kept at any age), plus tier, TTL and access edges.
const CASES: Case[] = [
  { name: 'episodic, 2 days, never read', tier: 'episodic', age: 2, expect: 'keep', reason: 'retained' },
  { name: 'episodic, 60 days, never read (0.30 > 0.20)', tier: 'episodic', age: 60, expect: 'keep', reason: 'retained' },
  { name: 'episodic, 80 days, never read (0.20 boundary)', tier: 'episodic', age: 80, expect: 'keep', reason: 'retained' },
  { name: 'episodic, 81 days, never read', tier: 'episodic', age: 81, expect: 'forget', reason: 'decayed' },
  { name: 'episodic, 120 days, 50 reads, last 2 days ago', tier: 'episodic', age: 120, accesses: 50, lastAccessDaysAgo: 2, expect: 'keep', reason: 'retained' },
  { name: 'episodic, 120 days, 3 reads, last 90 days ago', tier: 'episodic', age: 120, accesses: 3, lastAccessDaysAgo: 90, expect: 'forget', reason: 'decayed' },
  { name: 'episodic, 120 days, never read', tier: 'episodic', age: 120, expect: 'forget', reason: 'decayed' },
  { name: 'episodic, 200 days, never read', tier: 'episodic', age: 200, expect: 'forget', reason: 'decayed' },
  { name: 'pinned episodic, 300 days', tier: 'episodic', age: 300, pinned: true, expect: 'keep', reason: 'pinned' },
  { name: 'semantic, 300 days', tier: 'semantic', age: 300, expect: 'keep', reason: 'tier' },
  { name: 'semantic, 30 days', tier: 'semantic', age: 30, expect: 'keep', reason: 'tier' },
  { name: 'procedural, 1000 days', tier: 'procedural', age: 1000, expect: 'keep', reason: 'tier' },
  { name: 'pinned semantic past expires_at (TTL outranks pinned)', tier: 'semantic', age: 10, pinned: true, expiresAt: daysAgo(1), expect: 'forget', reason: 'expired' },
  { name: 'fresh episodic past expires_at', tier: 'episodic', age: 1, expiresAt: daysAgo(0.5), expect: 'forget', reason: 'expired' },
  { name: 'episodic, 200 days, expires next week: decay still applies', tier: 'episodic', age: 200, expiresAt: daysAgo(-7), expect: 'forget', reason: 'decayed' },
  { name: 'pinned with a future expires_at', tier: 'episodic', age: 400, pinned: true, expiresAt: daysAgo(-30), expect: 'keep', reason: 'pinned' },
];

describe('forget-sweep decay (SPEC section 9)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const input: DecayInput = { tier: c.tier, pinned: c.pinned ?? false, created: daysAgo(c.age), expiresAt: c.expiresAt, accesses: c.accesses ?? 0 };
      if (c.lastAccessDaysAgo !== undefined) input.lastAccess = daysAgo(c.lastAccessDaysAgo);
      const verdict = sweepVerdict(input, NOW);
      assert.equal(verdict.action, c.expect);
      assert.equal(verdict.reason, c.reason);
    });
  }

  it('computes the formula as written', () => {
    assert.equal(retention(0, 0, 0), 1);
    assert.ok(Math.abs(retention(60, 0, 60) - Math.exp(-1.2)) < 1e-12);
    const reinforced = Math.exp(-0.02 * 120) + 0.6 * Math.log(51) * Math.exp(-0.04 * 2);
    assert.ok(Math.abs(retention(120, 50, 2) - reinforced) < 1e-12);
  });

  it('keeps a page whose creation date cannot be read rather than guessing it old', () => {
    assert.equal(sweepVerdict({ tier: 'episodic', pinned: false, created: 'last tuesday', accesses: 0 }, NOW).action, 'keep');
  });
});
