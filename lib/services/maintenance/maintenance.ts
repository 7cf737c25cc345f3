import type { ServiceDeps } from '../deps.js';
import { bootstrapSummarizer } from '../llm/bootstrap-summary.js';
import { contradictionCheck } from '../llm/contradictions.js';
import { createBootstrapService } from './bootstrap.js';
import { createForgetSweep } from './forget-sweep.js';
import { createLintService } from './lint.js';

/** The maintenance engines (SPEC section 9): forget sweep, lint, bootstrap; rule-based unless a provider is configured. */
export function createMaintenanceServices(deps: ServiceDeps) {
  return {
    forget: createForgetSweep(deps),
    // With a provider, lint adds contradictions and bootstrap writes summaries.
    lint: createLintService(deps, () => contradictionCheck(deps)),
    bootstrap: createBootstrapService(deps, () => bootstrapSummarizer(deps)),
  };
}
