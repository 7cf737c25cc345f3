import type { ProjectSummary, WorkspaceSummary } from '../core/contract.js';
import { scopeKey, toSlug, type Scope } from '../core/paths.js';
import type { ServiceDeps } from './deps.js';
import { lastUpdated } from './page-views.js';

interface ProjectCounts {
  version: number;
  pages: number;
  sessions: number;
  last?: string;
}

export function createProjectService({ index }: ServiceDeps) {
  // Counting means reading every page of the project; kept until one of them changes.
  const counted = new Map<string, ProjectCounts>();

  function countsOf(scope: Scope): ProjectCounts {
    const version = index.scopeVersion(scope);
    const key = scopeKey(scope);
    const kept = counted.get(key);
    if (kept?.version === version) return kept;
    const pages = index.pagesIn(scope);
    const counts: ProjectCounts = { version, pages: pages.length, sessions: pages.filter((p) => p.kind === 'session').length };
    for (const page of pages) {
      const updated = lastUpdated(page);
      if (counts.last === undefined || updated > counts.last) counts.last = updated;
    }
    counted.set(key, counts);
    return counts;
  }

  function listProjects(workspace?: string): ProjectSummary[] {
    const only = workspace === undefined || workspace === '' ? undefined : toSlug(workspace, 'workspace');
    return index
      .projects()
      .filter((p) => only === undefined || p.workspace === only)
      .map(({ workspace: ws, project }) => {
        const scope = { workspace: ws, project } as Scope;
        const counts = countsOf(scope);
        const summary: ProjectSummary = {
          workspace: ws,
          project,
          name: index.projectManifest(scope)?.name ?? project,
          page_count: counts.pages,
          session_count: counts.sessions,
        };
        if (counts.last) summary.last_updated = counts.last;
        return summary;
      });
  }

  function listWorkspaces(): WorkspaceSummary[] {
    const byWorkspace = new Map<string, WorkspaceSummary>();
    for (const project of listProjects()) {
      const entry = byWorkspace.get(project.workspace) ?? { workspace: project.workspace, project_count: 0, page_count: 0 };
      entry.project_count += 1;
      entry.page_count += project.page_count;
      if (project.last_updated && (!entry.last_updated || project.last_updated > entry.last_updated)) {
        entry.last_updated = project.last_updated;
      }
      byWorkspace.set(project.workspace, entry);
    }
    return [...byWorkspace.values()].sort((a, b) => a.workspace.localeCompare(b.workspace));
  }

  return { listProjects, listWorkspaces };
}
