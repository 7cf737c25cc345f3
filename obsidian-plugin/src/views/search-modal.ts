import { SuggestModal } from 'obsidian';
import type { PageHit, ScopeRef } from '../../../lib/core/contract.js';
import type { PluginHost } from '../host.js';
import { scopeLabel } from '../vault-paths.js';
import { renderSnippet } from './render.js';

const MIN_QUERY = 2;
const LIMIT = 20;

/** "Search memory": the server's search (full text, titles, links) with snippets; Enter opens the page. */
export class MemorySearchModal extends SuggestModal<PageHit> {
  /** The last error, shown instead of "no results" so an offline server is not mistaken for none. */
  private failure: string | null = null;

  constructor(
    private readonly host: PluginHost,
    /** Search this project, or every project when null. */
    private readonly searchScope: ScopeRef | null,
  ) {
    super(host.app);
    this.limit = LIMIT;
    this.setPlaceholder(searchScope ? `Search the memory of ${scopeLabel(searchScope)}` : 'Search the memory of every project');
  }

  async getSuggestions(query: string): Promise<PageHit[]> {
    if (query.trim().length < MIN_QUERY) {
      this.emptyStateText = 'Type at least two characters.';
      return [];
    }
    try {
      const result = await this.host.api.search(query, this.searchScope, LIMIT);
      this.failure = null;
      this.emptyStateText = `No memory matches "${query}".`;
      return [...result.hits, ...(result.global_scope_hits ?? [])];
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      this.emptyStateText = `Search failed: ${this.failure}`;
      this.host.notifier.error(error, 'search', { quiet: true });
      return [];
    }
  }

  renderSuggestion(hit: PageHit, el: HTMLElement): void {
    el.addClass('ai-memory-hit');
    const title = el.createDiv({ cls: 'ai-memory-hit-title' });
    title.createSpan({ text: hit.title });
    const where = this.searchScope && hit.workspace === this.searchScope.workspace && hit.project === this.searchScope.project ? hit.path : `${scopeLabel(hit)} · ${hit.path}`;
    title.createSpan({ text: ` ${hit.kind} · ${where}`, cls: 'ai-memory-hit-meta' });
    // A link neighbour holds none of the typed words: say so, so it is not taken for a match.
    if (hit.reason) el.createDiv({ cls: 'ai-memory-hit-reason', text: `${hit.related_from ? 'Related' : 'Matched'}: ${hit.reason}` });
    if (hit.snippet) renderSnippet(el, hit.snippet);
  }

  onChooseSuggestion(hit: PageHit): void {
    void this.host.openPage({ workspace: hit.workspace, project: hit.project, path: hit.path });
  }
}
