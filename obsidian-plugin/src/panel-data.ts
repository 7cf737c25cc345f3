import type { ScopeRef } from '../../lib/core/contract.js';
import type { BriefingPage, BriefingView, HandoffView, MemoryApi } from './memory-api.js';

/** What the side panel shows for one project. */
export interface PanelData {
  scope: ScopeRef;
  handoffs: HandoffView[];
  sessions: BriefingPage[];
  rules: BriefingPage[];
  /** Pinned decisions, gotchas, notes... (rules are listed under rules). */
  pinned: BriefingPage[];
  counts: BriefingView['counts'];
}

export const RECENT_SESSIONS = 5;
// Sessions are found among the most recently changed pages; 50 reaches back far enough.
const RECENT_PAGES = 50;

export async function loadPanelData(api: MemoryApi, scope: ScopeRef): Promise<PanelData> {
  const [handoffs, briefing] = await Promise.all([api.openHandoffs(scope), api.briefing(scope, RECENT_PAGES)]);
  const rules = briefing.rules;
  const ruleSet = new Set(rules.map((page) => page.path));
  return {
    scope,
    handoffs,
    sessions: briefing.recent_pages.filter((page) => page.kind === 'session').slice(0, RECENT_SESSIONS),
    rules,
    pinned: briefing.pinned.filter((page) => !ruleSet.has(page.path)),
    counts: briefing.counts,
  };
}

/** The page a handoff is kept in. */
export function handoffPath(handoff: Pick<HandoffView, 'id'>): string {
  return `handoffs/${handoff.id}.md`;
}
