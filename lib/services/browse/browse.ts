import type { RelatedResponse } from '../../core/contract-browse.js';
import { invalid, notFound } from '../../core/errors.js';
import { parsePagePath, scopeKey, wikiPath, type Scope } from '../../core/paths.js';
import type { HandoffService } from '../capture/handoffs.js';
import type { SessionRegistry } from '../capture/registry.js';
import type { ServiceDeps } from '../deps.js';
import { briefing } from '../memory/briefing.js';
import { sessionObservations, type ObservationQuery } from '../memory/observations.js';
import { relatedPages } from '../memory/related.js';
import type { createProjectService } from '../projects.js';
import { requireExistingProject, requireScope, type ScopeInput } from '../scope.js';
import { pageDiff } from './diff.js';
import { resolveWikilinks, supersessionChain } from './links.js';
import { createOverview } from './overview.js';
import { listSessions } from './sessions.js';
import { suggestTitles } from './titles.js';
import { sessionTimeline } from './timeline.js';

/**
 * Read-only views for people and frontends (the JSON API's browsing routes and the web UI):
 * overviews, sessions and their timelines, diffs between versions, title suggestions, related
 * pages. Nothing here writes.
 */
export function createBrowseService(
  deps: ServiceDeps,
  parts: { projects: ReturnType<typeof createProjectService>; registry: SessionRegistry; handoffs: HandoffService },
) {
  const { registry } = parts;
  const overviews = createOverview(deps, parts.projects, registry, parts.handoffs);
  const project = (input: ScopeInput): Scope => requireExistingProject(deps.index, requireScope(input));

  return {
    overview: overviews.overview,
    projectOverview: (input: ScopeInput, recentLimit?: number) => overviews.projectOverview(project(input), recentLimit),
    briefing: (input: ScopeInput, recentLimit = 10) => briefing(deps, registry, project(input), recentLimit),
    sessions: (input: ScopeInput, limit: number, offset = 0) => listSessions(deps, registry, project(input), limit, offset),
    observations: (input: ScopeInput, query: ObservationQuery) => sessionObservations(deps, registry, project(input), query),
    timeline: (input: ScopeInput, sessionId: string, maxRows: number) => sessionTimeline(deps, registry, project(input), sessionId, maxRows),
    diff: (input: ScopeInput & { path: string }, rev: string) => pageDiff(deps, input, rev),
    titles: (q: string | undefined, input: ScopeInput, limit: number) => suggestTitles(deps, q, input, limit),
    resolveWikilinks: (input: ScopeInput & { path: string }, targets: string[]) => resolveWikilinks(deps, project(input), input.path, targets),
    supersessionChain: (input: ScopeInput & { path: string }) => supersessionChain(deps, project(input), input.path),
    /** The project's human name (its manifest), or its slug. */
    projectName: (input: ScopeInput) => {
      const scope = project(input);
      return deps.index.projectManifest(scope)?.name ?? scope.project;
    },
    /** A page's current title, or its path when it no longer exists. */
    pageTitle: (input: ScopeInput & { path: string }) => deps.index.page(wikiPath(project(input), parsePagePath(input.path)))?.title ?? input.path,
    /** How many commits touched a page (the history index, brought up to HEAD). */
    async versionCount(input: ScopeInput & { path: string }): Promise<number> {
      const rel = wikiPath(project(input), parsePagePath(input.path));
      await deps.index.history.update();
      return deps.index.history.entries(rel).length;
    },
    related(input: ScopeInput & { path: string }, depth = 1): RelatedResponse {
      const scope = project(input);
      const path = parsePagePath(input.path);
      if (!Number.isInteger(depth) || depth < 1 || depth > 3) throw invalid('depth must be 1, 2 or 3');
      const page = deps.index.page(wikiPath(scope, path));
      if (!page) throw notFound(`no page ${path} in ${scopeKey(scope)}`, { path });
      return { workspace: scope.workspace, project: scope.project, path, related: relatedPages(deps.index, page, depth) };
    },
  };
}

export type BrowseService = ReturnType<typeof createBrowseService>;
