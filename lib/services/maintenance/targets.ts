import type { Scope } from '../../core/paths.js';
import { SCOPE_RULES } from '../../core/scope-rules.js';
import type { PageRef } from '../../core/maintenance/reports.js';
import type { IndexedPage } from '../../index/indexed-page.js';
import type { ServiceDeps } from '../deps.js';
import { parseScope, requireExistingProject, type ScopeInput } from '../scope.js';

/** The pages a maintenance run looks at: one project when named, otherwise every project. */
export function maintenanceTargets(deps: ServiceDeps, input: ScopeInput): { scopes: Scope[] | 'all'; pages: IndexedPage[] } {
  const scope = parseScope(input, SCOPE_RULES.admin);
  if (scope) {
    requireExistingProject(deps.index, scope);
    return { scopes: [scope], pages: deps.index.pagesIn(scope) };
  }
  return { scopes: 'all', pages: [...deps.index.allPages()] };
}

/** Pages the lint engine writes about the others; never judged themselves. */
export const LINT_FOLDER = '_lint/';

export function isLintPage(page: Pick<IndexedPage, 'path'>): boolean {
  return page.path.startsWith(LINT_FOLDER);
}

export function pageRef(page: IndexedPage): PageRef {
  return { workspace: page.workspace, project: page.project, path: page.path, title: page.title };
}
