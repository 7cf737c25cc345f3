import type { Tier } from '../page.js';

/**
 * The forget-sweep decision (SPEC section 9), pure so a table of cases can pin it down:
 *   retention = exp(-0.02 * age_days) + 0.6 * ln(1 + accesses) * exp(-0.04 * days_since_access)
 * Unpinned episodic pages below 0.20 are forgotten; pinned, semantic and procedural pages stay;
 * a page past its `expires_at` goes whatever its tier or pin ("TTL outranks pinned").
 */
export const DECAY = { lambda: 0.02, sigma: 0.6, mu: 0.04, threshold: 0.2 } as const;

const DAY_MS = 86_400_000;

export interface DecayInput {
  tier: Tier;
  pinned: boolean;
  /** When the page was created (ISO instant). */
  created: string;
  expiresAt?: string | undefined;
  accesses: number;
  /** Last read or query hit (ISO instant); absent when never accessed. */
  lastAccess?: string | undefined;
}

export type SweepVerdict =
  | { action: 'keep'; reason: 'pinned' | 'tier' | 'retained'; retention?: number }
  | { action: 'forget'; reason: 'expired' | 'decayed'; retention?: number };

export function retention(ageDays: number, accesses: number, daysSinceAccess: number): number {
  const base = Math.exp(-DECAY.lambda * Math.max(0, ageDays));
  const reinforcement = accesses > 0 ? DECAY.sigma * Math.log(1 + accesses) * Math.exp(-DECAY.mu * Math.max(0, daysSinceAccess)) : 0;
  return base + reinforcement;
}

export function sweepVerdict(page: DecayInput, now: Date): SweepVerdict {
  const nowMs = now.getTime();
  if (page.expiresAt !== undefined && Date.parse(page.expiresAt) < nowMs) return { action: 'forget', reason: 'expired' };
  if (page.pinned) return { action: 'keep', reason: 'pinned' };
  if (page.tier !== 'episodic') return { action: 'keep', reason: 'tier' };
  const ageDays = daysBetween(page.created, nowMs);
  const sinceAccess = page.lastAccess ? daysBetween(page.lastAccess, nowMs) : ageDays;
  const score = round(retention(ageDays, page.accesses, sinceAccess));
  return score < DECAY.threshold ? { action: 'forget', reason: 'decayed', retention: score } : { action: 'keep', reason: 'retained', retention: score };
}

function daysBetween(iso: string, nowMs: number): number {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? 0 : (nowMs - then) / DAY_MS;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
