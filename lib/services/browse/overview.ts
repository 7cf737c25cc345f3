import type { OverviewResponse, ProjectCard, ProjectOverview, SessionView } from '../../core/contract-browse.js';
import type { ProjectSummary } from '../../core/contract.js';
import type { PageKind } from '../../core/page.js';
import type { Scope } from '../../core/paths.js';
import type { IndexedPage } from '../../index/indexed-page.js';
import type { HandoffService } from '../capture/handoffs.js';
import { handoffView } from '../capture/handoff-view.js';
import type { SessionRegistry } from '../capture/registry.js';
import type { ServiceDeps } from '../deps.js';
import { lastUpdated, toSummary } from '../page-views.js';
import type { createProjectService } from '../projects.js';
import { sessionViews } from './sessions.js';

type ProjectService = ReturnType<typeof createProjectService>;

/** Home cards and the project header: counts, last activity and the pending handoff. */
export function createOverview(deps: ServiceDeps, projects: ProjectService, registry: SessionRegistry, handoffs: HandoffService) {
  async function card(summary: ProjectSummary): Promise<ProjectCard> {
    const scope = { workspace: summary.workspace, project: summary.project } as Scope;
    const sessions = registry.inScope(scope);
    const [pending] = await handoffs.list(scope, { state: 'open', limit: 1 });
    const lastEvent = sessions[0] ? new Date(sessions[0].lastAt).toISOString() : undefined;
    const last = [summary.last_updated, lastEvent].filter((d): d is string => d !== undefined).sort().pop();
    const result: ProjectCard = {
      ...summary,
      captured_sessions: sessions.length,
      pending_handoff: pending ? handoffView(pending) : null,
    };
    if (last) result.last_activity = last;
    return result;
  }

  async function overview(workspace?: string): Promise<OverviewResponse> {
    const cards = await Promise.all(projects.listProjects(workspace).map(card));
    // Most recently active first: what a person opening the UI most likely wants.
    cards.sort((a, b) => (b.last_activity ?? '').localeCompare(a.last_activity ?? '') || a.project.localeCompare(b.project));
    return { projects: cards };
  }

  async function projectOverview(scope: Scope, recentLimit = 10): Promise<ProjectOverview> {
    const summary = projects.listProjects(scope.workspace).find((p) => p.project === scope.project);
    // The caller validated the scope; a project with no summary has just been removed.
    const base = await card(summary ?? { workspace: scope.workspace, project: scope.project, name: scope.project, page_count: 0, session_count: 0 });
    const pages = deps.index.pagesIn(scope);
    const kinds: Partial<Record<PageKind, number>> = {};
    for (const page of pages) kinds[page.kind] = (kinds[page.kind] ?? 0) + 1;
    return {
      ...base,
      kinds,
      recent_pages: newestFirst(pages).slice(0, recentLimit).map(toSummary),
      recent_sessions: sessionViews(deps, registry, scope).slice(0, recentLimit) satisfies SessionView[],
    };
  }

  return { overview, projectOverview };
}

/** Pages by last update, newest first; each page's date is worked out once, not per comparison. */
function newestFirst(pages: IndexedPage[]): IndexedPage[] {
  return pages
    .map((page) => ({ page, updated: lastUpdated(page) }))
    .sort((a, b) => b.updated.localeCompare(a.updated))
    .map(({ page }) => page);
}
