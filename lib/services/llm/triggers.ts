import type { Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import type { ConsolidationQueue } from './consolidation-queue.js';

/**
 * When consolidation runs by itself: after the PreCompact checkpoint (the moment an agent is
 * about to forget detail), and after a session ends only with
 * AI_MEMORY_CONSOLIDATE_ON_SESSION_END=1. Never per captured event, and never without a
 * provider. Jobs go through the bounded queue; failures are logged and retried, and the
 * rule-based page stays meanwhile.
 */
export function consolidationTrigger(deps: ServiceDeps, queue: ConsolidationQueue) {
  return (scope: Scope, fileId: string, mode: 'close' | 'checkpoint'): void => {
    const providers = deps.providers;
    if (!providers?.llm) return;
    if (mode === 'close' && !providers.consolidateOnSessionEnd) return;
    queue.enqueue(scope, fileId);
  };
}
