import type { HistoryResponse } from '../core/contract.js';
import { notFound } from '../core/errors.js';
import { parsePagePath, scopeKey, wikiPath } from '../core/paths.js';
import type { ServiceDeps } from './deps.js';
import { requireExistingProject, requireScope, type ScopeInput } from './scope.js';

export function createHistoryService({ store, index }: ServiceDeps) {
  /** A page's commits, newest first, from the derived history index (brought up to HEAD first). */
  async function pageHistory(input: ScopeInput & { path: string }): Promise<HistoryResponse> {
    const scope = requireExistingProject(index, requireScope(input));
    const path = parsePagePath(input.path);
    const rel = wikiPath(scope, path);
    await index.history.update();
    const commits = index.history.entries(rel);
    if (commits.length === 0 && !(await store.files.info(rel))) {
      throw notFound(`no page ${path} in ${scopeKey(scope)}, now or in its history`, { path });
    }
    return { workspace: scope.workspace, project: scope.project, path, commits };
  }

  return { pageHistory };
}
