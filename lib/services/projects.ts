import type { ProjectSummary, WorkspaceSummary } from '../core/contract.js';
import { toSlug, type Scope } from '../core/paths.js';
import type { ServiceDeps } from './deps.js';
import { lastUpdated } from './page-views.js';

export function createProjectService({ index }: ServiceDeps) {
  function listProjects(workspace?: string): ProjectSummary[] {
    const only = workspace === undefined || workspace === '' ? undefined : toSlug(workspace, 'workspace');
    return index.catalog
      .projects()
      .filter((p) => only === undefined || p.workspace === only)
      .map(({ workspace: ws, project }) => {
        const scope = { workspace: ws, project } as Scope;
        const pages = index.pagesIn(scope);
        const summary: ProjectSummary = {
          workspace: ws,
          project,
          name: index.catalog.manifest(scope)?.name ?? project,
          page_count: pages.length,
          session_count: pages.filter((p) => p.kind === 'session').length,
        };
        const last = pages.map(lastUpdated).sort().pop();
        if (last) summary.last_updated = last;
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
