import { parseFrontmatter, splitPage } from '../../core/frontmatter.js';
import type { Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import { lastUpdated } from '../page-views.js';
import type { ConsolidationService } from './consolidate.js';

/** Provider failures are retried after 30 s, 2 min and 8 min, then left to `ai-memory consolidate`. */
const RETRY_DELAYS_MS = [30_000, 120_000, 480_000];
/** At start, closed session pages this recent that were never consolidated are queued again. */
const RECOVERY_WINDOW_MS = 24 * 3_600_000;

interface Job {
  scope: Scope;
  sessionId: string;
  attempt: number;
}

/**
 * Automatic consolidations (after a PreCompact checkpoint, and at session end when enabled)
 * run one at a time: five hundred sessions ending in a minute must not become five hundred
 * concurrent provider calls. The queue itself is not stored: what it would hold is derived
 * from the wiki at start (recent closed session pages without `consolidated`), so a restart
 * loses nothing that was asked for.
 */
export function createConsolidationQueue(deps: ServiceDeps, consolidation: ConsolidationService, options: { retryDelaysMs?: number[] } = {}) {
  const retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const waiting: Job[] = [];
  const key = (job: { scope: Scope; sessionId: string }) => `${job.scope.workspace}/${job.scope.project}/${job.sessionId}`;
  let running: Promise<void> | null = null;
  const stopping = new AbortController();

  function enqueue(scope: Scope, sessionId: string, attempt = 0): void {
    if (stopping.signal.aborted) return;
    if (waiting.some((job) => key(job) === key({ scope, sessionId }))) return;
    waiting.push({ scope, sessionId, attempt });
    running ??= work().finally(() => {
      running = null;
    });
  }

  async function work(): Promise<void> {
    for (let job = waiting.shift(); job && !stopping.signal.aborted; job = waiting.shift()) {
      try {
        const result = await consolidation.consolidate({ scope: job.scope, sessionId: job.sessionId, signal: stopping.signal });
        if (result.status !== 'rewritten') deps.logger.info(`consolidation of ${result.path} skipped: ${result.reason ?? result.status}`);
      } catch (error) {
        const delay = retryDelays[job.attempt];
        const next = delay === undefined ? 'giving up; run ai-memory consolidate to try again' : `retrying in ${Math.round(delay / 1000)} s`;
        deps.logger.warn(`consolidation of session ${job.sessionId} failed (${(error as Error).message}); ${next}`);
        if (delay !== undefined) {
          const retry = { ...job, attempt: job.attempt + 1 };
          setTimeout(() => enqueue(retry.scope, retry.sessionId, retry.attempt), delay).unref();
        }
      }
    }
  }

  /** Queues the closed session pages of the last day that were never consolidated. */
  async function recover(now: Date, isClosed: (fileId: string) => boolean): Promise<number> {
    let queued = 0;
    if (!deps.providers?.llm || !deps.providers.consolidateOnSessionEnd) return queued;
    const since = new Date(now.getTime() - RECOVERY_WINDOW_MS).toISOString();
    for (const page of deps.index.allPages()) {
      if (page.kind !== 'session' || !page.path.startsWith('sessions/') || page.pinned || lastUpdated(page) < since) continue;
      const fileId = page.path.slice('sessions/'.length).replace(/\.md$/, '');
      if (!isClosed(fileId)) continue;
      const text = await deps.store.files.read(page.rel);
      if (text === null || parseFrontmatter(splitPage(text).yaml).data.consolidated) continue;
      enqueue({ workspace: page.workspace, project: page.project } as Scope, fileId);
      queued += 1;
    }
    return queued;
  }

  return {
    enqueue,
    recover,
    /** Takes no more jobs, and a provider answer still on its way is not written. */
    stop: () => {
      stopping.abort();
      waiting.length = 0;
    },
    /** Resolves when the queue is empty (retries scheduled for later do not count). */
    idle: async () => {
      while (running) await running;
    },
  };
}

export type ConsolidationQueue = ReturnType<typeof createConsolidationQueue>;
