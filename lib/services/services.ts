import { createBrowseService } from './browse/browse.js';
import { createHandoffService } from './capture/handoffs.js';
import { createIngestService } from './capture/ingest.js';
import { createSessionService } from './capture/sessions.js';
import type { ServiceDeps } from './deps.js';
import { ExternalCommitter } from './external-commits.js';
import { createHistoryService } from './history.js';
import { createPageService } from './pages.js';
import { createProjectService } from './projects.js';
import { createSearchService } from './search.js';
import { createStatusService } from './status.js';
import { createUserService } from './users.js';
import { createBackupService } from './lifecycle/backup.js';
import { createPurgeService } from './lifecycle/purge.js';
import { createRenameService } from './lifecycle/rename.js';
import { createSyncService } from './lifecycle/sync.js';
import { trackHits, trackReads } from './maintenance/access-tracking.js';
import { createMaintenanceServices } from './maintenance/maintenance.js';
import { createConsolidationService } from './llm/consolidate.js';
import { consolidationTrigger } from './llm/triggers.js';
import { createConsolidationQueue } from './llm/consolidation-queue.js';
import { createEmbeddingService } from './llm/embedding.js';

export interface ServiceOptions {
  /** Quiet period before edits made behind the server's back are committed. */
  externalCommitDelayMs: number;
  /** A session quiet this long is closed (page and handoff written). */
  sessionIdleMs: number;
  /** A new session in a project closes older open sessions there quiet this long. */
  sessionStaleMs: number;
  /** Captured events allowed to wait for their disk sync before /hook answers 429. */
  maxHookInFlight: number;
  /** Size of the SessionStart handoff block, in tokens (4 characters each); 1,200 by default. */
  handoffBudgetTokens?: number;
}

/** The use cases, transport-free: HTTP routes, MCP tools and the web UI all call these. */
export function createServices(deps: ServiceDeps, options: ServiceOptions) {
  const externalCommits = new ExternalCommitter(deps.store, options.externalCommitDelayMs, deps.logger);
  const handoffs = createHandoffService(deps, options.handoffBudgetTokens !== undefined ? { budgetTokens: options.handoffBudgetTokens } : {});
  const consolidation = createConsolidationService(deps);
  const consolidationQueue = createConsolidationQueue(deps, consolidation);
  const embeddings = createEmbeddingService(deps);
  const sessions = createSessionService(deps, handoffs, {
    idleMs: options.sessionIdleMs,
    staleMs: options.sessionStaleMs,
    afterWrite: consolidationTrigger(deps, consolidationQueue),
  });
  const projects = createProjectService(deps);
  return {
    deps,
    externalCommits,
    handoffs,
    sessions,
    ingest: createIngestService(deps, sessions, { maxInFlight: options.maxHookInFlight }),
    pages: trackReads(createPageService(deps), deps.store.access),
    search: trackHits(embeddings.withVectors(createSearchService(deps)), deps.store.access),
    history: createHistoryService(deps),
    projects,
    browse: createBrowseService(deps, { projects, registry: sessions.registry, handoffs }),
    status: createStatusService(deps, () => externalCommits.pending),
    users: createUserService(deps),
    lifecycle: {
      purgeProject: createPurgeService(deps, sessions),
      renameProject: createRenameService(deps, sessions),
      backup: createBackupService(deps),
      sync: createSyncService(deps, externalCommits),
    },
    maintenance: createMaintenanceServices(deps),
    consolidation,
    /** Queues the automatic consolidations a restart interrupted (session-end mode only). */
    recoverConsolidations: (now = new Date()) => consolidationQueue.recover(now, (fileId) => sessions.registry.get(fileId)?.open === false),
    consolidationQueue,
    embeddings,
  };
}

export type Services = ReturnType<typeof createServices>;
