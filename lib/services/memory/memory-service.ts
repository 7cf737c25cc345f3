import type { Actor } from '../../core/actor.js';
import type { PageHit, RawHit } from '../../core/contract.js';
import { parsePagePath, wikiPath, type Scope } from '../../core/paths.js';
import type { SessionRegistry } from '../capture/registry.js';
import type { ServiceDeps } from '../deps.js';
import { answerFromHits, type AnswerOutcome } from '../llm/answer.js';
import { catchUp, type CatchUp } from '../llm/explore.js';
import { recentPages, scopeCounts, type RecentPage, type ScopeCounts } from './agent-views.js';
import { briefing, type Briefing } from './briefing.js';
import { recordFeedback } from './feedback.js';
import { sessionObservations, type ObservationQuery } from './observations.js';
import { searchRaw } from './raw-search.js';
import { relatedPages, type RelatedPage } from './related.js';

export type SessionObservations = Awaited<ReturnType<typeof sessionObservations>>;
export type FeedbackResult = Awaited<ReturnType<typeof recordFeedback>>;

/**
 * What an agent asks of its memory beyond pages and search (the MCP tools and `/admin/catch-up`):
 * briefings, catch-up digests, session events, raw-event fallbacks, feedback, related and recent
 * pages. Each is a use case over the index, the raw log and the session registry, which stay
 * behind this interface.
 */
export interface MemoryService {
  /** memory_briefing: a zero-LLM snapshot of a project. */
  briefing(scope: Scope, recentLimit: number): Promise<Briefing>;
  /** memory_explore, `ai-memory catch-up`: a prose digest over the briefing when a provider is set. */
  catchUp(scope: Scope, options?: { focus?: string | undefined; recentLimit?: number }): Promise<CatchUp>;
  /** memory_read_session_observations: one session's captured events. */
  observations(scope: Scope, query: ObservationQuery): Promise<SessionObservations>;
  /** `raw_hits`: matching moments of recent sessions, for a query no page matched. */
  rawHits(scopes: Scope[], query: string, limit: number): Promise<RawHit[]>;
  /** memory_feedback: counts a signal in the page's frontmatter (a commit). */
  feedback(scope: Scope, path: string, signal: string, reason: string | undefined, actor?: Actor): Promise<FeedbackResult>;
  /** Pages linked from or to a page, breadth first; undefined when the index has no such page. */
  related(scope: Scope, path: string, depth: number): RelatedPage[] | undefined;
  /** memory_recent: the pages changed most recently. */
  recent(scope: Scope, limit: number): RecentPage[];
  /** memory_status: page, session and handoff counts of a project. */
  counts(scope: Scope): ScopeCounts;
  /** `answer: true` on a search: a short cited answer from the top hits, or why there is none. */
  answer(query: string, hits: PageHit[]): Promise<AnswerOutcome>;
}

export function createMemoryService(deps: ServiceDeps, registry: SessionRegistry): MemoryService {
  return {
    briefing: (scope, recentLimit) => briefing(deps, registry, scope, recentLimit),
    catchUp: (scope, options) => catchUp(deps, registry, scope, options),
    observations: (scope, query) => sessionObservations(deps, registry, scope, query),
    rawHits: (scopes, query, limit) => searchRaw(deps, registry, scopes, query, limit),
    feedback: (scope, path, signal, reason, actor) => recordFeedback(deps, scope, path, signal, reason, actor),
    related(scope, path, depth) {
      const current = deps.index.page(wikiPath(scope, parsePagePath(path)));
      return current ? relatedPages(deps.index, current, depth) : undefined;
    },
    recent: (scope, limit) => recentPages(deps, scope, limit),
    counts: (scope) => scopeCounts(deps, registry, scope),
    answer: (query, hits) => answerFromHits(deps, query, hits),
  };
}
