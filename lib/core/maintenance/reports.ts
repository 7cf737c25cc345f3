import type { LintFinding } from './lint.js';

/** JSON shapes of the maintenance routes (snake_case on the wire), shared by server and client. */

export interface PageRef {
  workspace: string;
  project: string;
  path: string;
  title: string;
}

export interface SweepEntry extends PageRef {
  reason: 'expired' | 'decayed';
  retention?: number;
}

export interface SweepReport {
  dry_run: boolean;
  scanned: number;
  /** Unpinned episodic pages whose retention fell below the threshold. */
  evicted: SweepEntry[];
  /** Pages past their expires_at (pinned or not). */
  deleted: SweepEntry[];
  kept: number;
  /** The one commit removing them (git keeps every forgotten page). */
  commit?: string;
}

export interface LintReport {
  dry_run: boolean;
  scanned: number;
  findings: LintFinding[];
  counts: Record<string, number>;
  /** `_lint/` pages written or removed (none in a dry run). */
  pages: string[];
  commit?: string;
  /** Set when the provider's contradiction pass failed; the rule-based findings stand. */
  llm_error?: string;
}

export interface BootstrapResponse {
  workspace: string;
  project: string;
  dry_run: boolean;
  collected: string;
  /** How the pages were made: rule-based extracts, or a provider's summaries. */
  mode: 'rules' | 'llm';
  pages: Array<{ path: string; title: string; status: 'created' | 'updated' | 'unchanged' | 'planned' }>;
  commit?: string;
  llm_error?: string;
}

/** `GET /admin/catch-up`: a digest with a provider, the briefing without one. */
export interface CatchUpResponse {
  workspace: string;
  project: string;
  /** Days since the project last saw activity (a session event or a page change). */
  away_days: number;
  /** `llm`: a prose digest; `briefing`: the zero-LLM briefing only. */
  mode: 'llm' | 'briefing';
  digest?: string;
  digest_unavailable?: string;
  briefing: Record<string, unknown>;
}

/** `POST /admin/consolidate`. */
export interface ConsolidateResponse {
  workspace: string;
  project: string;
  session_id: string;
  path: string;
  dry_run: boolean;
  status: 'rewritten' | 'unchanged' | 'planned' | 'skipped';
  /** Why nothing was written (pinned page, invalid answer, ...). */
  reason?: string;
  title?: string;
  /** The proposed page body (dry run) or the written one. */
  body?: string;
  commit?: string;
  /** `multi_page`: the durable pages the provider proposed, and what became of each. */
  pages?: DerivedPageOutcome[];
  /** `multi_page`: proposed pages dropped as invalid, with the reason. */
  rejected_pages?: string[];
}

export interface DerivedPageOutcome {
  path: string;
  kind: string;
  title: string;
  status: 'written' | 'unchanged' | 'planned' | 'skipped';
  reason?: string;
}

/** `POST /admin/embed`. */
export interface EmbedReport {
  dry_run: boolean;
  provider: string;
  model: string;
  pages: number;
  /** Pages (re-)embedded now, or that would be in a dry run. */
  embedded: number;
  /** Vectors dropped because their page is gone. */
  removed: number;
  /** Pages whose vector is current. */
  unchanged: number;
  dimension: number;
}
