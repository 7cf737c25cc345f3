import type { Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import type { ConsolidationService } from './consolidate.js';

/**
 * When consolidation runs by itself: after the PreCompact checkpoint (the moment an agent is
 * about to forget detail), and after a session ends only with
 * AI_MEMORY_CONSOLIDATE_ON_SESSION_END=1. Never per captured event, and never without a
 * provider. Failures are logged; the rule-based page stays.
 */
export function consolidationTrigger(deps: ServiceDeps, consolidation: ConsolidationService) {
  return (scope: Scope, fileId: string, mode: 'close' | 'checkpoint'): void => {
    const providers = deps.providers;
    if (!providers?.llm) return;
    if (mode === 'close' && !providers.consolidateOnSessionEnd) return;
    void consolidation
      .consolidate({ scope, sessionId: fileId })
      .then((result) => {
        if (result.status !== 'rewritten') deps.logger.info(`consolidation of ${result.path} skipped: ${result.reason ?? result.status}`);
      })
      .catch((error: unknown) => deps.logger.warn(`consolidation of session ${fileId} failed: ${(error as Error).message}`));
  };
}
