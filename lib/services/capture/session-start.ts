import type { Actor } from '../../core/actor.js';
import { redact } from '../../core/capture/redact.js';
import { sessionFileId, shownSessionId } from '../../store/raw-log.js';
import type { ServiceDeps } from '../deps.js';
import type { HandoffService } from './handoffs.js';
import type { HookRequest } from './ingest.js';
import { eventScope } from './event-scope.js';
import type { SessionService } from './sessions.js';

/**
 * `GET /handoff` at a session start: settles the sessions this start supersedes (a Codex session
 * just quit) so their handoff is the one delivered, claims the pending handoff for the receiver,
 * and records the claim in the receiver's raw log (its session page lists what it received).
 * Returns the markdown block for the agent's context, or '' when nothing is pending.
 */
export type SessionStartHandoff = (request: Omit<HookRequest, 'body'>, actor: Actor) => Promise<string>;

export function createSessionStartHandoff(deps: ServiceDeps, sessions: SessionService, handoffs: HandoffService): SessionStartHandoff {
  const now = () => (deps.now ?? (() => new Date()))();
  return async function deliverAtSessionStart(request: Omit<HookRequest, 'body'>, actor: Actor): Promise<string> {
    const scope = eventScope(request, request.cwd ?? null);
    const sessionId = request.session_id;
    await sessions.settle(scope, sessionId ? sessionFileId(sessionId) : undefined);
    // The claim is written into the handoff page: the receiver's id and cwd are redacted there as in events.
    const receiver = { agent: request.agent ?? 'unknown', cwd: request.cwd && redact(request.cwd), sessionId: sessionId && shownSessionId(sessionId), actor };
    const handoff = await handoffs.deliver(scope, receiver);
    if (!handoff) return '';
    if (sessionId) await deps.store.raw.append(scope, sessionFileId(sessionId), { record: 'claimed', v: 1, at: now().toISOString(), handoff: handoff.id });
    return handoffs.render(handoff);
  };
}
