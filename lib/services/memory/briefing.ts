import { isEvent } from '../../core/capture/captured-event.js';
import type { Scope } from '../../core/paths.js';
import type { IndexedPage } from '../../index/indexed-page.js';
import type { ServiceDeps } from '../deps.js';
import type { SessionRegistry } from '../capture/registry.js';
import { isExpired, lastUpdated } from '../page-views.js';

export interface BriefingPage {
  path: string;
  title: string;
  kind: string;
  updated: string;
  summary?: string;
}

export interface Activity {
  days: number;
  sessions: number;
  observations: number;
  pages_updated: number;
}

export interface Briefing {
  workspace: string;
  project: string;
  counts: { pages: number; sessions: number; decisions: number; rules: number; open_handoffs: number };
  activity_7d: Activity;
  activity_30d: Activity;
  last_observation_at?: string;
  pending_handoff_count: number;
  rules: BriefingPage[];
  pinned: BriefingPage[];
  recent_pages: BriefingPage[];
}

const DAY = 24 * 60 * 60_000;

/** A zero-LLM snapshot of a project: "catch me up" (SPEC section 7, memory_briefing). Read-only. */
export async function briefing(deps: ServiceDeps, registry: SessionRegistry, scope: Scope, recentLimit: number): Promise<Briefing> {
  const now = (deps.now ?? (() => new Date()))().getTime();
  const pages = deps.index.pagesIn(scope).filter((p) => !isExpired(p, new Date(now)));
  const view = (page: IndexedPage): BriefingPage => ({
    path: page.path,
    title: page.title,
    kind: page.kind,
    updated: lastUpdated(page),
    ...(page.summary ? { summary: page.summary } : {}),
  });
  const sessions = registry.inScope(scope);
  const activity = async (days: number): Promise<Activity> => {
    const since = now - days * DAY;
    const active = sessions.filter((s) => s.lastAt >= since);
    let observations = 0;
    for (const session of active) {
      const events = (await deps.store.raw.read(session.scope, session.fileId)).filter(isEvent);
      observations += events.filter((e) => Date.parse(e.at) >= since).length;
    }
    return { days, sessions: active.length, observations, pages_updated: pages.filter((p) => Date.parse(lastUpdated(p)) >= since).length };
  };
  const openHandoffs = pages.filter((p) => p.kind === 'handoff' && p.handoff?.state === 'open').length;
  const durable = pages.filter((p) => p.kind !== 'handoff' && p.kind !== 'session');
  const result: Briefing = {
    workspace: scope.workspace,
    project: scope.project,
    counts: {
      pages: pages.length,
      sessions: pages.filter((p) => p.kind === 'session').length,
      decisions: pages.filter((p) => p.kind === 'decision').length,
      rules: pages.filter((p) => p.kind === 'rule').length,
      open_handoffs: openHandoffs,
    },
    activity_7d: await activity(7),
    activity_30d: await activity(30),
    pending_handoff_count: openHandoffs,
    rules: durable.filter((p) => p.kind === 'rule').sort(byUpdated).slice(0, 20).map(view),
    pinned: durable.filter((p) => p.pinned).sort(byUpdated).slice(0, 10).map(view),
    recent_pages: pages.filter((p) => p.kind !== 'handoff').sort(byUpdated).slice(0, recentLimit).map(view),
  };
  const last = sessions[0];
  if (last) result.last_observation_at = new Date(last.lastAt).toISOString();
  return result;
}

function byUpdated(a: IndexedPage, b: IndexedPage): number {
  return lastUpdated(b).localeCompare(lastUpdated(a));
}
