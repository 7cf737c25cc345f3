import { createHash, randomUUID } from 'node:crypto';
import { OPEN, type Actor } from '../../core/actor.js';
import type { CapturedEvent } from '../../core/capture/captured-event.js';
import { canonicalAgent } from '../../core/capture/events.js';
import { normalizePayload } from '../../core/capture/normalize.js';
import { invalid, MemoryError } from '../../core/errors.js';
import type { Scope } from '../../core/paths.js';
import { redact } from '../../core/capture/redact.js';
import { sessionFileId, shownSessionId } from '../../store/raw-log.js';
import type { ServiceDeps } from '../deps.js';
import { eventScope } from './event-scope.js';
import type { SessionService } from './sessions.js';

/** One hook call as the server receives it: query parameters plus the agent's JSON body. */
export interface HookRequest {
  agent?: string | undefined;
  event?: string | undefined;
  workspace?: string | undefined;
  project?: string | undefined;
  cwd?: string | undefined;
  session_id?: string | undefined;
  body: unknown;
}

export interface IngestResult {
  accepted: true;
  id: string;
  kind: CapturedEvent['kind'];
  workspace: string;
  project: string;
  session: string;
}

export interface IngestOptions {
  /** Appends allowed to wait for their sync before the server answers 429. */
  maxInFlight: number;
}

/**
 * Captures a hook event: normalize the agent's payload, redact and cap it, append it durably,
 * then let the session lifecycle react. The answer goes back only after the append is on disk.
 */
export function createIngestService(deps: ServiceDeps, sessions: SessionService, options: IngestOptions) {
  const now = () => (deps.now ?? (() => new Date()))();

  function prepare(request: HookRequest, actor: Actor): { scope: Scope; fileId: string; events: CapturedEvent[] } {
    const isCursor = typeof request.body === 'object' && request.body !== null && 'cursor_version' in request.body;
    // Cursor can run Claude Code's hooks too; its payload says who it really is.
    const agent = isCursor ? 'cursor' : canonicalAgent(request.agent);
    if (!agent) throw invalid(`agent ${JSON.stringify(request.agent ?? '')} is not a valid agent name (for example claude-code, codex, gemini-cli, cursor, opencode)`);
    const normalized = normalizePayload(request.body, { event: request.event, cwd: request.cwd, session: request.session_id });
    const session = normalized.session ?? `anon-${agent}-${createHash('sha256').update(normalized.cwd ?? '').digest('hex').slice(0, 12)}`;
    const fileId = sessionFileId(session);
    // Sessions stay in the project they started in, wherever the agent later cds.
    const scope = sessions.registry.get(fileId)?.scope ?? eventScope(request, normalized.cwd);
    const event: CapturedEvent = {
      record: 'event',
      v: 1,
      id: randomUUID(),
      at: now().toISOString(),
      agent,
      kind: normalized.kind,
      native: normalized.native.slice(0, 128),
      // Ids and paths reach pages and file names: they are redacted like any captured text.
      session: shownSessionId(session).slice(0, 256),
    };
    if (actor.kind === 'user') event.actor = actor.name;
    for (const key of ['cwd', 'prompt', 'tool', 'text', 'source', 'model', 'subagent'] as const) {
      const value = normalized[key];
      if (value !== undefined && value !== null) (event as unknown as Record<string, unknown>)[key] = value;
    }
    if (event.cwd) event.cwd = redact(event.cwd);
    if (normalized.reply === undefined) return { scope, fileId, events: [event] };
    if (event.kind === 'assistant-reply') return { scope, fileId, events: [{ ...event, reply: normalized.reply }] };
    // A Stop that carries the turn's reply is the stop and the reply: the timeline and the
    // digest see every turn's reply as its own event, right after the turn ended.
    const reply: CapturedEvent = { ...event, id: randomUUID(), kind: 'assistant-reply', reply: normalized.reply };
    delete reply.prompt;
    return { scope, fileId, events: [event, reply] };
  }

  async function ingest(request: HookRequest, actor: Actor = OPEN): Promise<IngestResult> {
    if (deps.store.raw.pending >= options.maxInFlight) {
      throw new MemoryError('OVERLOADED', 'the server is busy writing captured events; retry shortly', { retry_after: 1 });
    }
    const { scope, fileId, events } = prepare(request, actor);
    for (const captured of events) {
      await deps.store.raw.append(scope, fileId, captured);
      sessions.observe(fileId, scope, captured);
    }
    return resultOf(scope, fileId, events);
  }

  /**
   * What `ingest` runs before the append (normalize, redact, scope, the line's JSON), storing
   * nothing and touching no session: a server rehearses a few hooks through its whole HTTP stack
   * before it announces itself, so an agent's first hooks do not wait for code to load and compile.
   */
  function rehearse(request: HookRequest, actor: Actor = OPEN): IngestResult {
    const { scope, fileId, events } = prepare(request, actor);
    for (const captured of events) JSON.stringify(captured);
    return resultOf(scope, fileId, events);
  }

  /** Events in order; stops at the first failure and reports how many were stored. */
  async function ingestBatch(requests: HookRequest[], actor: Actor = OPEN): Promise<{ accepted: number; results: IngestResult[]; failed_index?: number; error?: string }> {
    const results: IngestResult[] = [];
    for (const [i, request] of requests.entries()) {
      try {
        results.push(await ingest(request, actor));
      } catch (error) {
        const message = error instanceof MemoryError ? error.message : 'internal error';
        return { accepted: results.length, results, failed_index: i, error: message };
      }
    }
    return { accepted: results.length, results };
  }

  return { ingest, ingestBatch, rehearse };
}

export type IngestService = ReturnType<typeof createIngestService>;

function resultOf(scope: Scope, fileId: string, events: CapturedEvent[]): IngestResult {
  const event = events[0]!;
  return { accepted: true, id: event.id, kind: event.kind, workspace: scope.workspace, project: scope.project, session: fileId };
}
