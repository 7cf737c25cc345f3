import type { ServiceDeps } from './deps.js';
import { ExternalCommitter } from './external-commits.js';
import { createHistoryService } from './history.js';
import { createPageService } from './pages.js';
import { createProjectService } from './projects.js';
import { createSearchService } from './search.js';
import { createStatusService } from './status.js';

export interface ServiceOptions {
  /** Quiet period before edits made behind the server's back are committed. */
  externalCommitDelayMs: number;
}

/** The use cases, transport-free: HTTP routes, MCP tools and the web UI all call these. */
export function createServices(deps: ServiceDeps, options: ServiceOptions) {
  const externalCommits = new ExternalCommitter(deps.store, options.externalCommitDelayMs, deps.logger);
  return {
    deps,
    externalCommits,
    pages: createPageService(deps),
    search: createSearchService(deps),
    history: createHistoryService(deps),
    projects: createProjectService(deps),
    status: createStatusService(deps, () => externalCommits.pending),
  };
}

export type Services = ReturnType<typeof createServices>;
