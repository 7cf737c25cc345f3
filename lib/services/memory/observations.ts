import type { CapturedEvent } from '../../core/capture/captured-event.js';
import { isEvent } from '../../core/capture/captured-event.js';
import { notFound } from '../../core/errors.js';
import { prepareFtsQuery } from '../../core/search-query.js';
import { termMatcher } from '../../core/snippet.js';
import { scopeKey, type Scope } from '../../core/paths.js';
import { sessionFileId } from '../../store/raw-log.js';
import type { ServiceDeps } from '../deps.js';
import type { SessionRegistry } from '../capture/registry.js';
import { eventText } from './raw-search.js';

export interface ObservationQuery {
  sessionId?: string | undefined;
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
  kinds?: string[] | undefined;
  query?: string | undefined;
  bodyMaxChars: number;
}

export interface Observation {
  id: string;
  at: string;
  kind: string;
  native: string;
  agent: string;
  title: string;
  body: string;
  failed?: boolean;
  files?: string[];
}

/** A session's captured events (SPEC section 7, memory_read_session_observations). */
export async function sessionObservations(deps: ServiceDeps, registry: SessionRegistry, scope: Scope, query: ObservationQuery) {
  const entry = findSession(registry, scope, query.sessionId);
  let events = (await deps.store.raw.read(entry.scope, entry.fileId)).filter(isEvent);
  if (query.kinds && query.kinds.length > 0) events = events.filter((e) => query.kinds!.includes(e.kind));
  if (query.query) {
    const matches = termMatcher(prepareFtsQuery(query.query).terms);
    events = events.filter((e) => (eventText(e).match(/[\p{L}\p{N}]+/gu) ?? []).some(matches));
  }
  if (query.order === 'desc') events.reverse();
  const total = events.length;
  const page = events.slice(query.offset, query.offset + query.limit).map((e) => toObservation(e, query.bodyMaxChars));
  return {
    session: { session_id: entry.session, agent: entry.agent, workspace: entry.scope.workspace, project: entry.scope.project, open: entry.open, last_at: new Date(entry.lastAt).toISOString() },
    observations: page,
    total,
    offset: query.offset,
    limit: query.limit,
    order: query.order,
    body_max_chars: query.bodyMaxChars,
  };
}

/** A session by its id or file id; without one, the latest closed session (else the newest). */
export function findSession(registry: SessionRegistry, scope: Scope, sessionId: string | undefined) {
  const sessions = registry.inScope(scope);
  const entry = sessionId
    ? sessions.find((s) => s.fileId === sessionFileId(sessionId) || s.session === sessionId)
    : (sessions.find((s) => !s.open) ?? sessions[0]);
  if (!entry) throw notFound(sessionId ? `no session ${sessionId} in ${scopeKey(scope)}` : `no captured sessions in ${scopeKey(scope)} yet`);
  return entry;
}

function toObservation(event: CapturedEvent, maxChars: number): Observation {
  const title = event.prompt ? event.prompt.split('\n')[0]!.slice(0, 120) : event.tool ? event.tool.name : event.source ?? event.kind;
  const body = eventText(event);
  const out: Observation = {
    id: event.id,
    at: event.at,
    kind: event.kind,
    native: event.native,
    agent: event.agent,
    title,
    body: body.length > maxChars ? `${body.slice(0, maxChars)}…` : body,
  };
  if (event.tool?.failed) out.failed = true;
  if (event.tool?.files) out.files = event.tool.files;
  return out;
}
