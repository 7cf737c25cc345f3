import type { LinkRef } from '../core/links.js';
import type { Scope } from '../core/paths.js';
import type { ProjectManifest } from './catalog.js';
import type { FullTextQueries } from './full-text-index.js';
import type { HistoryIndex } from './history-index.js';
import type { IndexedPage } from './indexed-page.js';
import { IndexState } from './index-state.js';
import type { ResolvedLink } from './link-graph.js';
import type { TitleMatch } from './title-index.js';

/** The commit history queries: `update` catches up with commits made since the last call. */
export type CommitHistory = Pick<HistoryIndex, 'update' | 'entries' | 'commitAt' | 'knownHead'>;

/**
 * Everything the rest of the program may ask the index, and nothing that changes it: the
 * catalog, link graph, title index and full-text store stay inside lib/index, so a caller never
 * depends on which structure answers. MemoryIndex adds the ways in (apply, rebuild, persist).
 */
export abstract class IndexQueries {
  protected readonly state = new IndexState();

  constructor(protected readonly commits: HistoryIndex) {}

  /** The full-text store's queries (row ids are page ids: `pageById`). */
  get fullText(): FullTextQueries {
    return this.state.fullText;
  }

  /** Which commits touched which page. */
  get history(): CommitHistory {
    return this.commits;
  }

  get pageCount(): number {
    return this.state.catalog.size;
  }

  /** The page at a wiki-relative path (`<workspace>/<project>/<path>`). */
  page(rel: string): IndexedPage | undefined {
    return this.state.catalog.get(rel);
  }

  pageById(id: number): IndexedPage | undefined {
    return this.state.catalog.byRowId(id);
  }

  /** Every indexed page, live: do not hold the iterator across an await. */
  allPages(): IterableIterator<IndexedPage> {
    return this.state.catalog.all();
  }

  pagesIn(scope: Scope): IndexedPage[] {
    return this.state.catalog.inScope(scope);
  }

  /** A number that changes whenever a page of the project changes: views derived from it can be kept while it holds. */
  scopeVersion(scope: Scope): number {
    return this.state.catalog.scopeVersion(scope);
  }

  /** Every project that has a manifest or at least one page, with its page count. */
  projects(): Array<{ workspace: string; project: string; pages: number }> {
    return this.state.catalog.projects();
  }

  projectManifest(scope: Scope): ProjectManifest | undefined {
    return this.state.catalog.manifest(scope);
  }

  /** Outgoing links of a page, resolved now. */
  links(rel: string): ResolvedLink[] {
    return this.state.graph.links(rel);
  }

  backlinks(rel: string, limit?: number): ResolvedLink[] {
    return this.state.graph.backlinks(rel, limit);
  }

  /** Pages one link away, outgoing links first, at most `limit`. */
  neighbours(rel: string, limit?: number): string[] {
    return this.state.graph.neighbours(rel, limit);
  }

  /** Pages listed close to this one on pages that link to it, closest first. */
  coCited(rel: string, window: number): Array<{ rel: string; distance: number; after: boolean }> {
    return this.state.graph.coCited(rel, window);
  }

  /** True when another page declares that it supersedes this one. */
  isSuperseded(rel: string): boolean {
    return this.state.graph.isSuperseded(rel);
  }

  /** Resolves links of a text that is not (or not currently) the indexed page, e.g. an old version or a draft. */
  resolveLinks(scope: Scope, path: string, refs: LinkRef[]): ResolvedLink[] {
    return this.state.graph.resolveFrom(scope, path, refs);
  }

  /** Fuzzy and prefix matches on titles, aliases, tags and file names, within the scope keys or everywhere. */
  matchTitles(text: string, scopeKeys: string[] | null, limit: number): TitleMatch[] {
    return this.state.titles.query(text, scopeKeys, limit);
  }

  /**
   * `matchTitles` asked now and answered when the returned function is called: on a large wiki
   * the title worker searches while this thread does other work (search's full-text queries).
   */
  askTitles(text: string, scopeKeys: string[] | null, limit: number): () => TitleMatch[] {
    return this.state.titles.ask(text, scopeKeys, limit);
  }
}
