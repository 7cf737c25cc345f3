import type { ScopeRef } from '../../core/contract.js';
import type { AccessLog } from '../../store/access-log.js';
import type { createPageService } from '../pages.js';
import type { createSearchService } from '../search.js';

type PageService = ReturnType<typeof createPageService>;
type SearchService = ReturnType<typeof createSearchService>;

/**
 * Access reinforcement for the forget sweep: every page a caller reads, and every page a query
 * surfaces, counts as an access. Wrapping the read and search use cases here keeps the decay
 * bookkeeping out of them and covers every surface (HTTP, MCP, web) at once.
 */
export function trackReads(pages: PageService, access: AccessLog): PageService {
  return {
    ...pages,
    async readPage(input, options) {
      const page = await pages.readPage(input, options);
      // Reading an old revision is history browsing, not use of the current page.
      if (!page.rev) access.record([relOf(page)]);
      return page;
    },
  };
}

export function trackHits(search: SearchService, access: AccessLog): SearchService {
  return {
    ...search,
    async search(input) {
      const response = await search.search(input);
      access.record([...response.hits, ...(response.global_scope_hits ?? [])].map(relOf));
      return response;
    },
  };
}

function relOf(page: ScopeRef & { path: string }): string {
  return `${page.workspace}/${page.project}/${page.path}`;
}
