import type { TitlesResponse } from '../../core/contract-browse.js';
import { invalid } from '../../core/errors.js';
import { scopeKey } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import { parseScope, requireExistingProject, type ScopeInput } from '../scope.js';

const MAX_QUERY = 200;

/** Type-ahead over titles, file stems and tags (MiniSearch: prefix and fuzzy), one project or all. */
export function suggestTitles(deps: ServiceDeps, q: string | undefined, scopeInput: ScopeInput, limit: number): TitlesResponse {
  if (q === undefined) throw invalid('q (the beginning of a title) is required');
  if (q.length > MAX_QUERY) throw invalid(`q is longer than ${MAX_QUERY} characters`);
  const scope = parseScope(scopeInput);
  const keys = scope ? [scopeKey(requireExistingProject(deps.index, scope))] : null;
  const titles = deps.index
    .matchTitles(q, keys, limit)
    .map((match) => deps.index.page(match.rel))
    .filter((page) => page !== undefined)
    .map((page) => ({ workspace: page.workspace, project: page.project, path: page.path, title: page.title, kind: page.kind }));
  return { query: q, titles };
}
