/**
 * JSON shapes of the read-only browsing routes of `/api/v1` (overview, sessions, diffs, title
 * suggestions, related pages), shared by the server, the web UI and custom frontends. Types
 * only; snake_case as on the wire. Kept apart from contract.ts so it can grow on its own.
 */
import type { PageSummary, ProjectSummary, ScopeRef } from './contract.js';
import type { PageKind } from './page.js';

export interface HandoffView {
  id: string;
  /** The handoff page, e.g. `handoffs/20261125-101500-ab12cd.md`. */
  path: string;
  state: 'open' | 'accepted' | 'expired';
  created: string;
  manual: boolean;
  summary: string;
  next_steps: string[];
  open_questions: string[];
  /** Files changed by the session (automatic handoffs), or named by the agent that wrote it. */
  files_touched: string[];
  /** What the session was about, in words. */
  title?: string;
  /** Where it stopped: the last request and the last reply, trimmed. */
  last_prompt?: string;
  last_reply?: string;
  /** Failures not fixed later in the session: command, exit code, error excerpt. */
  unfixed_failures: string[];
  decisions: string[];
  /** The session page, e.g. `sessions/<id>.md`. */
  session_page?: string;
  agent?: string;
  cwd?: string;
  /** The session that left it (automatic handoffs). */
  session_id?: string;
  accepted_at?: string;
  accepted_by?: string;
}

export interface SessionView {
  session_id: string;
  /** The id in URLs and file names (the session id itself, or a hash of an unsafe one). */
  file_id: string;
  agent: string;
  open: boolean;
  last_at: string;
  /** What the session is about (its first request, in whole words), also while it is live. */
  title?: string;
  /** The session page (`sessions/<file_id>.md`) once the session was written up. */
  page?: { path: string; title: string };
}

/** A home card: one project with what a person wants to see at a glance. */
export interface ProjectCard extends ProjectSummary {
  /** Captured sessions known to the server (raw events), which may exceed session pages. */
  captured_sessions: number;
  /** Latest page update or captured event. */
  last_activity?: string;
  pending_handoff: HandoffView | null;
}

export interface OverviewResponse {
  projects: ProjectCard[];
}

export interface ProjectOverview extends ProjectCard {
  recent_pages: PageSummary[];
  recent_sessions: SessionView[];
  /** Pages per kind. */
  kinds: Partial<Record<PageKind, number>>;
}

export interface SessionsResponse extends ScopeRef {
  sessions: SessionView[];
  total: number;
}

export interface DiffLine {
  /** ' ' unchanged, '+' added, '-' removed. */
  op: ' ' | '+' | '-';
  text: string;
  /** Line numbers in the old and new text (absent on the side the line is not in). */
  old?: number;
  new?: number;
}

export interface DiffHunk {
  old_start: number;
  new_start: number;
  lines: DiffLine[];
}

export interface DiffResponse extends ScopeRef {
  path: string;
  /** The commit shown, and the previous commit that touched the page (null: page created). */
  rev: string;
  parent: string | null;
  date: string;
  message: string;
  author: string;
  stat: { added: number; removed: number };
  hunks: DiffHunk[];
  /** True when the page did not exist at `rev` (the commit deleted it). */
  deleted: boolean;
}

export interface TitleSuggestion extends ScopeRef {
  path: string;
  title: string;
  kind: PageKind;
}

export interface TitlesResponse {
  query: string;
  titles: TitleSuggestion[];
}

export interface RelatedPageView extends ScopeRef {
  path: string;
  title: string;
  kind: string;
  depth: number;
  direction: 'link' | 'backlink';
}

export interface RelatedResponse extends ScopeRef {
  path: string;
  related: RelatedPageView[];
}
