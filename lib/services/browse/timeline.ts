import { isEvent } from '../../core/capture/captured-event.js';
import { foldTimeline, type TimelineRow } from '../../core/capture/timeline.js';
import type { Scope } from '../../core/paths.js';
import type { SessionRegistry } from '../capture/registry.js';
import type { ServiceDeps } from '../deps.js';
import { findSession } from '../memory/observations.js';

/** A session's captured events as a reader's timeline (one row per tool call), for the web UI. */
export async function sessionTimeline(deps: ServiceDeps, registry: SessionRegistry, scope: Scope, sessionId: string, maxRows: number) {
  const entry = findSession(registry, scope, sessionId);
  const events = (await deps.store.raw.read(entry.scope, entry.fileId)).filter(isEvent);
  const rows: TimelineRow[] = foldTimeline(events);
  return {
    session: { session_id: entry.session, file_id: entry.fileId, agent: entry.agent, workspace: entry.scope.workspace, project: entry.scope.project, open: entry.open, last_at: new Date(entry.lastAt).toISOString() },
    events: events.length,
    rows: rows.slice(0, maxRows),
    total_rows: rows.length,
  };
}
