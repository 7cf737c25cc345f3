import type { Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import type { SessionRegistry } from '../capture/registry.js';
import { lastUpdated } from '../page-views.js';

/** One entry of `memory_recent`: what changed, newest first. */
export interface RecentPage {
  workspace: string;
  project: string;
  path: string;
  title: string;
  kind: string;
  updated: string;
  summary?: string;
}

/** The per-project counts of `memory_status`. */
export interface ScopeCounts {
  pages: number;
  sessions: number;
  open_handoffs: number;
  /** Open sessions across every project (what the server is capturing right now). */
  open_sessions: number;
}

/** The pages of a project changed most recently, newest first (memory_recent). */
export function recentPages(deps: ServiceDeps, scope: Scope, limit: number): RecentPage[] {
  return deps.index
    .pagesIn(scope)
    .sort((a, b) => lastUpdated(b).localeCompare(lastUpdated(a)))
    .slice(0, limit)
    .map((p) => ({ workspace: p.workspace, project: p.project, path: p.path, title: p.title, kind: p.kind, updated: lastUpdated(p), ...(p.summary ? { summary: p.summary } : {}) }));
}

export function scopeCounts(deps: ServiceDeps, registry: SessionRegistry, scope: Scope): ScopeCounts {
  const pages = deps.index.pagesIn(scope);
  return {
    pages: pages.length,
    sessions: pages.filter((p) => p.kind === 'session').length,
    open_handoffs: pages.filter((p) => p.handoff?.state === 'open').length,
    open_sessions: registry.openSessions().length,
  };
}
