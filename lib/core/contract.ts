/**
 * The HTTP contract: JSON shapes shared by the server routes, the CLI client and the Obsidian
 * plugin. Types only, so any client can import it without pulling in server code. Field names
 * are snake_case, as on the wire.
 */
import type { PageKind, Tier } from './page.js';

export const DEFAULT_PORT = 49374;
export const DEFAULT_HOST = '127.0.0.1';

export interface ScopeRef {
  workspace: string;
  project: string;
}

export interface PageSummary extends ScopeRef {
  path: string;
  title: string;
  kind: PageKind;
  tier: Tier;
  pinned: boolean;
  tags: string[];
  updated?: string;
  summary?: string;
  /** Handoff pages only: `open` is pending (the next agent gets it), `accepted` used, `expired` retired. */
  handoff_state?: 'open' | 'accepted' | 'expired';
}

export interface PageHit extends ScopeRef {
  path: string;
  title: string;
  kind: PageKind;
  /** Matched text with `<mark>` around query words; plain text otherwise. */
  snippet: string;
  /** Fused relevance, higher is better. */
  score: number;
  pinned?: boolean;
  superseded?: boolean;
  expired?: boolean;
  /** Why it matched, in one short phrase ("title and body", "in March 2026", "linked from Auth decisions"). */
  reason?: string;
  /** Set when the page holds none of the query's words and came in as a link neighbour of this page path. */
  related_from?: string;
}

export interface RawHit extends ScopeRef {
  session_id: string;
  event: string;
  at: string;
  snippet: string;
}

export interface SearchResponse {
  query: string;
  hits: PageHit[];
  /** Matches from `_global` for a default-scoped query, labelled with their project. */
  global_scope_hits?: PageHit[];
  /** Captured events matching when no page did. */
  raw_hits?: RawHit[];
  /** With `answer: true` and an LLM provider: a short answer citing page paths. */
  answer?: { text: string; citations: string[] };
  /** With `answer: true`, why there is no answer (no provider, no hits, a failed call). */
  answer_unavailable?: string;
}

export interface SearchRequest {
  q: string;
  scopes?: ScopeRef[];
  workspace?: string;
  project?: string;
  global?: boolean;
  limit?: number;
  kinds?: PageKind[];
  include_superseded?: boolean;
  include_expired?: boolean;
  /** POST only: also answer the query from the top hits with the LLM provider. */
  answer?: boolean;
}

export interface PageLink extends ScopeRef {
  path: string;
  title: string;
  kind: PageKind | null;
  /** False for a link whose target page does not exist (yet). */
  exists: boolean;
  target?: string;
}

export interface PageResponse extends PageSummary {
  created?: string;
  frontmatter: Record<string, unknown>;
  frontmatter_error?: string;
  body: string;
  links: PageLink[];
  backlinks: PageLink[];
  supersedes: PageLink[];
  superseded_by: PageLink[];
  expires_at?: string;
  /** Set when the page was read at an older commit. */
  rev?: string;
  /**
   * SHA-1 (hex) of the file content the index holds for this page, for the current version
   * only: a client compares it with the file to tell whether its latest edit is indexed.
   */
  indexed_hash?: string;
}

export interface HistoryEntry {
  commit: string;
  short: string;
  date: string;
  message: string;
  author: string;
  /** Lines this commit added to and removed from the page, when asked for. */
  stat?: { added: number; removed: number };
}

export interface HistoryResponse extends ScopeRef {
  path: string;
  commits: HistoryEntry[];
}

export interface WorkspaceSummary {
  workspace: string;
  project_count: number;
  page_count: number;
  last_updated?: string;
}

export interface ProjectSummary extends ScopeRef {
  name: string;
  page_count: number;
  session_count: number;
  last_updated?: string;
}

export interface IndexStatus {
  pages: number;
  revision: number;
  last_rebuild_at?: string;
  last_rebuild_ms?: number;
  start: 'cold' | 'warm';
  persisted_at?: string;
  history_ready: boolean;
  /**
   * The per-word top-rows lists that speed up questions of common words on large wikis
   * (from 20k pages): in use, being computed in a child process, or none (a small wiki, or
   * dropped after many writes until the next save). Answers are the same either way.
   */
  top_rows: 'ready' | 'computing' | 'none';
}

export interface StatusResponse {
  version: string;
  data_dir: string;
  wiki_dir: string;
  projects: Array<ScopeRef & { pages: number }>;
  index: IndexStatus;
  watcher: { live: boolean; error?: string; pending_external_commits: number };
  git: { head?: string };
  /** Configured LLM/embedding providers and the outcome of their last real call. */
  providers?: ProviderHealth[];
  /** Projects with a handoff waiting for the next agent: how many, and the newest one. */
  pending_handoffs: PendingHandoffs[];
}

export interface PendingHandoffs extends ScopeRef {
  count: number;
  /** The newest pending handoff (the one an agent starting in the project's folder usually gets); `title` is what the work was, without "Handoff: ". */
  newest: { id: string; title: string; created: string };
}

export interface ProviderHealth {
  kind: 'llm' | 'embeddings';
  provider: string;
  model: string;
  /** `unused` until the first real call; status never makes a call of its own. */
  state: 'unused' | 'ok' | 'error';
  last_call_at?: string;
  latency_ms?: number;
  error?: string;
}

export interface WritePageRequest {
  workspace?: string;
  project?: string;
  path: string;
  body: string;
  title?: string;
  kind?: PageKind;
  tags?: string[];
  /** Other names of the page (frontmatter `aliases`); an empty list removes them. */
  aliases?: string[];
  tier?: Tier;
  pinned?: boolean;
  expires_at?: string;
  supersedes?: string[];
  summary?: string;
}

export interface WritePageResponse extends ScopeRef {
  path: string;
  title: string;
  kind: PageKind;
  status: 'created' | 'updated' | 'unchanged';
  commit?: string;
  /** What was written but probably not meant (a supersedes path that names no page). */
  warnings?: string[];
}

export interface UserView {
  name: string;
  created: string;
  active: boolean;
  expired?: string;
  rotated?: string;
}

/** `POST /admin/purge-project` */
export interface PurgeResult {
  workspace: string;
  project: string;
  pages_removed: number;
  files_removed: number;
  raw_files_removed: number;
  commit: string | null;
}

/** `POST /admin/rename-project` */
export interface RenameResult {
  workspace: string;
  from: string;
  to: string;
  files_moved: number;
  raw_moved: boolean;
  commit: string | null;
}

/** `POST /admin/sync` */
export interface SyncResult {
  /** The remote, credentials redacted. */
  remote: string;
  action: 'up-to-date' | 'pushed' | 'fast-forward' | 'merged';
  /** Files that changed here. */
  changed: number;
  /** Pages edited on both sides: this side kept at `path`, the other side saved at `copy`. */
  conflicts: Array<{ path: string; copy: string }>;
  /**
   * Files edited on one side and deleted on the other (or added to a project purged there): the
   * edit was kept, which undoes that delete or purge. `message` says which side did what.
   */
  warnings: Array<{ path: string; message: string }>;
  head: string | null;
}

export interface ReindexResponse {
  pages: number;
  ms: number;
  revision: number;
}
