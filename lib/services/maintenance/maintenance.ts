import type { ServiceDeps } from '../deps.js';
import { createBootstrapService } from './bootstrap.js';
import { createForgetSweep } from './forget-sweep.js';
import { createLintService } from './lint.js';

/** The maintenance engines (SPEC section 9): forget sweep, lint, bootstrap. */
export function createMaintenanceServices(deps: ServiceDeps) {
  return {
    forget: createForgetSweep(deps),
    lint: createLintService(deps),
    bootstrap: createBootstrapService(deps),
  };
}
