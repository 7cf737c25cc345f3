import type { SessionView, SessionsResponse } from '../../core/contract-browse.js';
import { wikiPath, type PagePath, type Scope } from '../../core/paths.js';
import type { SessionRegistry } from '../capture/registry.js';
import type { ServiceDeps } from '../deps.js';

/** Captured sessions of a project, newest activity first, with their page once written. */
export function sessionViews(deps: ServiceDeps, registry: SessionRegistry, scope: Scope): SessionView[] {
  return registry.inScope(scope).map((entry) => {
    const view: SessionView = {
      session_id: entry.session,
      file_id: entry.fileId,
      agent: entry.agent,
      open: entry.open,
      last_at: new Date(entry.lastAt).toISOString(),
    };
    const path = `sessions/${entry.fileId}.md` as PagePath;
    const page = deps.index.page(wikiPath(scope, path));
    if (page) view.page = { path, title: page.title };
    const title = page?.title ?? entry.title;
    if (title) view.title = title;
    return view;
  });
}

export function listSessions(deps: ServiceDeps, registry: SessionRegistry, scope: Scope, limit: number, offset = 0): SessionsResponse {
  const all = sessionViews(deps, registry, scope);
  return { workspace: scope.workspace, project: scope.project, sessions: all.slice(offset, offset + limit), total: all.length };
}
