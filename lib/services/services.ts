import { createBrowseService, type BrowseService } from './browse/browse.js';
import { createHandoffService, type HandoffService } from './capture/handoffs.js';
import { createIngestService, type IngestService } from './capture/ingest.js';
import { createSessionStartHandoff, type SessionStartHandoff } from './capture/session-start.js';
import { createSessionService, type SessionService } from './capture/sessions.js';
import type { ServiceDeps } from './deps.js';
import { ExternalCommitter } from './external-commits.js';
import { createHistoryService } from './history.js';
import { createPageService } from './pages.js';
import { createProjectService } from './projects.js';
import { createSearchService } from './search.js';
import { createStatusService } from './status.js';
import { createUserService, type UserService } from './users.js';
import { createScopeService, type ScopeService } from './scope-service.js';
import { createMemoryService, type MemoryService } from './memory/memory-service.js';
import { createBackupService } from './lifecycle/backup.js';
import { createPurgeService } from './lifecycle/purge.js';
import { createRenameService } from './lifecycle/rename.js';
import { createSyncService } from './lifecycle/sync.js';
import { trackHits, trackReads } from './maintenance/access-tracking.js';
import { createMaintenanceServices } from './maintenance/maintenance.js';
import { createConsolidationService, type ConsolidationService } from './llm/consolidate.js';
import { consolidationTrigger } from './llm/triggers.js';
import { createConsolidationQueue, type ConsolidationQueue } from './llm/consolidation-queue.js';
import { createEmbeddingService } from './llm/embedding.js';
import { withQueryRewrite } from './llm/query-rewrite.js';

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

type Service<F extends (...args: never[]) => unknown> = ReturnType<F>;

/**
 * The use cases, transport-free: HTTP routes, MCP tools, hook routes and the web UI call these
 * and nothing else (test/architecture.test.ts keeps lib/server off the store and the index).
 * The store, the index and the session registry stay behind it: a use case an adapter needs is a
 * method here, not a function it calls with their parts.
 */
export interface Services {
  /** Commits edits made behind the server's back after a quiet period. */
  externalCommits: Pick<ExternalCommitter, 'schedule' | 'flush' | 'pending'>;
  /** Handoff pages agents manage over MCP; `deliverAtSessionStart` is what a session's first hook receives. */
  handoffs: Pick<HandoffService, 'begin' | 'list' | 'accept' | 'cancel'> & { deliverAtSessionStart: SessionStartHandoff };
  /**
   * Session lifecycle as the composition root drives it (load at start, the idle timer, drain at
   * shutdown); capture, handoffs and lifecycle use the rest inside the services.
   */
  sessions: Pick<SessionService, 'load' | 'closeIdle' | 'drain'>;
  ingest: IngestService;
  pages: Service<typeof createPageService>;
  search: Service<typeof createSearchService>;
  history: Service<typeof createHistoryService>;
  projects: Service<typeof createProjectService>;
  /** Which project a request means, by the rules of lib/core/scope-rules.ts. */
  scopes: ScopeService;
  /** Briefings, catch-up, session events, raw hits, feedback, related and recent pages, answers. */
  memory: MemoryService;
  browse: BrowseService;
  status: Service<typeof createStatusService>;
  users: UserService;
  lifecycle: {
    purgeProject: Service<typeof createPurgeService>;
    renameProject: Service<typeof createRenameService>;
    backup: Service<typeof createBackupService>;
    sync: Service<typeof createSyncService>;
  };
  maintenance: Service<typeof createMaintenanceServices>;
  consolidation: ConsolidationService;
  /** Queues the automatic consolidations a restart interrupted (session-end mode only). */
  recoverConsolidations(now?: Date): Promise<number>;
  consolidationQueue: ConsolidationQueue;
  embeddings: Service<typeof createEmbeddingService>;
}

export function createServices(deps: ServiceDeps, options: ServiceOptions): Services {
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
    externalCommits,
    handoffs: { begin: handoffs.begin, list: handoffs.list, accept: handoffs.accept, cancel: handoffs.cancel, deliverAtSessionStart: createSessionStartHandoff(deps, sessions, handoffs) },
    sessions,
    ingest: createIngestService(deps, sessions, { maxInFlight: options.maxHookInFlight }),
    pages: trackReads(createPageService(deps), deps.store.access),
    search: trackHits(embeddings.withVectors(withQueryRewrite(deps, createSearchService(deps))), deps.store.access),
    history: createHistoryService(deps),
    projects,
    scopes: createScopeService(deps, sessions.registry),
    memory: createMemoryService(deps, sessions.registry),
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
    recoverConsolidations: (now = new Date()) => consolidationQueue.recover(now, (fileId) => sessions.registry.get(fileId)?.open === false),
    consolidationQueue,
    embeddings,
  };
}
