import type { Actor } from '../../core/actor.js';
import { isEvent, type CapturedEvent, type ClaimRecord, type ClosedRecord } from '../../core/capture/captured-event.js';
import { announcesCompaction } from '../../core/capture/events.js';
import { digestSession } from '../../core/capture/session-digest.js';
import { renderSessionBody, sessionPageFields } from '../../core/capture/session-page.js';
import { parsePagePath, scopeKey, type Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import { writeJob } from '../write-job.js';
import type { HandoffService } from './handoffs.js';
import { SessionRegistry, type SessionEntry } from './registry.js';

export interface SessionOptions {
  /** A session with no event for this long is closed (its page and handoff written). */
  idleMs: number;
  /**
   * A new session in a project closes older open sessions there that were quiet this long
   * (sessions of agents without a session-end event are closed regardless).
   */
  staleMs: number;
  /** Called once a session page was written (LLM consolidation hooks in here); never awaited. */
  afterWrite?: (scope: Scope, fileId: string, mode: 'close' | 'checkpoint') => void;
}

/**
 * Session lifecycle: closing writes `sessions/<id>.md` and one open handoff, rule-based; a
 * checkpoint (before compaction) writes the page alone. Work per session is chained, so a
 * close never races a checkpoint of the same session, and `settle` lets a handoff request wait
 * for the closes that would produce its handoff.
 *
 * Session writes go to the writer's background lane: nobody is waiting on them, so a burst of
 * session ends must not hold up an explicit page write. When someone does wait on a project's
 * sessions (a handoff request, a rename or purge), that project's session writes are promoted
 * to the interactive lane for as long as they wait.
 */
export function createSessionService(deps: ServiceDeps, handoffs: HandoffService, options: SessionOptions) {
  const { store } = deps;
  const registry = new SessionRegistry();
  const chains = new Map<string, Promise<void>>();
  /** Projects someone is waiting on, with how many waiters: their session writes go first. */
  const urgent = new Map<string, number>();
  const now = () => (deps.now ?? (() => new Date()))();

  function enqueue(entry: SessionEntry, job: (entry: SessionEntry) => Promise<void>): Promise<void> {
    const previous = chains.get(entry.fileId) ?? Promise.resolve();
    const next = previous
      .then(() => job(entry))
      .catch((error: unknown) => deps.logger.error(`session ${entry.fileId}: ${(error as Error).message}`));
    chains.set(entry.fileId, next);
    void next.then(() => {
      if (chains.get(entry.fileId) === next) chains.delete(entry.fileId);
    });
    return next;
  }

  async function events(scope: Scope, fileId: string): Promise<CapturedEvent[]> {
    return (await store.raw.read(scope, fileId)).filter(isEvent);
  }

  /** Writes the session page (and, when closing, the handoff) from the raw events. */
  async function writeSession(entry: SessionEntry, mode: 'close' | 'checkpoint'): Promise<void> {
    const key = scopeKey(entry.scope);
    const lane = urgent.has(key) ? 'interactive' : 'background';
    // What the commit says and who it is by are known once the job has read the raw events.
    let message = '';
    let author: Actor | undefined;
    /** The record that marks the session closed; appended only once the commit is made. */
    let closed: ClosedRecord | undefined;
    const written = await writeJob(deps, { message: () => message, author: () => author, lane, tag: key }, async (tx) => {
      const records = await store.raw.read(entry.scope, entry.fileId);
      const captured = records.filter(isEvent);
      const lastClosed = [...records].reverse().find((r): r is ClosedRecord => r.record === 'closed');
      const claimed = records.filter((r): r is ClaimRecord => r.record === 'claimed').map((r) => r.handoff);
      // A resumed session is closed again only when it has new events (duplicate ends converge).
      if (mode === 'close' && lastClosed && lastClosed.events >= captured.length) {
        registry.markClosed(entry.fileId);
        return false;
      }
      const picked = claimed.length > 0 ? await handoffs.read(entry.scope, claimed[claimed.length - 1]!) : null;
      const digest = digestSession(captured, picked ? { continues: picked } : {});
      if (!digest.substantive) {
        if (mode === 'checkpoint') return false;
        // Nothing happened: no page, no handoff, and a handoff it claimed goes back to open.
        for (const id of claimed) await handoffs.reopenInJob(tx, entry.scope, id);
        message = `Session ${entry.fileId} ended without work; its handoff is open again`;
        closed = closedRecord(captured.length);
        return false;
      }
      const pagePath = parsePagePath(`sessions/${entry.fileId}.md`);
      await tx.ensureManifest(entry.scope, entry.scope.project, now());
      let handoffId: string | undefined;
      if (mode === 'close') {
        const created = await handoffs.createAutomaticInJob(tx, entry.scope, digest.handoff, {
          agent: digest.agent,
          ...(digest.cwd ? { cwd: digest.cwd } : {}),
          sessionId: digest.session,
          sessionPage: pagePath,
        });
        handoffId = created.id;
      }
      const body = renderSessionBody(digest, captured, handoffId ? `handoffs/${handoffId}.md` : undefined);
      // A rule-based rewrite drops the marks of an earlier LLM consolidation (its text stays in git).
      const extra = { ...sessionPageFields(digest), consolidated: undefined, consolidated_by: undefined };
      await tx.putPage(entry.scope, pagePath, { body, title: digest.title, extra }, now());
      const verb = mode === 'close' ? 'ended' : 'checkpoint before compaction';
      message = `Session ${entry.fileId} (${digest.agent}) ${verb}: ${digest.title}`;
      // In multi-user mode the session's pages are committed as the user whose hooks sent it.
      const user = [...captured].reverse().find((e) => e.actor)?.actor;
      author = user ? { kind: 'user', name: user } : undefined;
      if (mode === 'close') closed = closedRecord(captured.length, `sessions/${entry.fileId}.md`, handoffId);
      return true;
    }, async ({ value: wrote }) => {
      if (closed) {
        await store.raw.append(entry.scope, entry.fileId, closed);
        registry.markClosed(entry.fileId);
      }
      return wrote;
    });
    if (written) options.afterWrite?.(entry.scope, entry.fileId, mode);
  }

  function closedRecord(events: number, page?: string, handoff?: string): ClosedRecord {
    return { record: 'closed', v: 1, at: now().toISOString(), events, ...(page ? { page } : {}), ...(handoff ? { handoff } : {}) };
  }

  /** Closes the sessions a new start in this project supersedes, and waits for pending closes there. */
  async function settle(scope: Scope, exceptFileId?: string): Promise<void> {
    for (const entry of registry.staleIn(scope, exceptFileId ?? '', now().getTime(), options.staleMs)) {
      void enqueue(entry, (e) => writeSession(e, 'close'));
    }
    await waitForScope(scope);
  }

  async function waitForScope(scope: Scope): Promise<void> {
    const key = scopeKey(scope);
    const waits = [...chains.entries()]
      .filter(([fileId]) => {
        const entry = registry.get(fileId);
        return entry && scopeKey(entry.scope) === key;
      })
      .map(([, chain]) => chain);
    if (waits.length === 0) return;
    urgent.set(key, (urgent.get(key) ?? 0) + 1);
    store.writer.promote(key);
    try {
      await Promise.all(waits);
    } finally {
      const left = (urgent.get(key) ?? 1) - 1;
      if (left > 0) urgent.set(key, left);
      else urgent.delete(key);
    }
  }

  return {
    registry,
    load: () => registry.load(store.raw),
    events,
    /** Called for every captured event once it is durable. */
    observe(fileId: string, scope: Scope, event: CapturedEvent): void {
      const entry = registry.observe(fileId, scope, event);
      if (event.kind === 'session-start') void settle(entry.scope, fileId);
      if (event.kind === 'session-end') void enqueue(entry, (e) => writeSession(e, 'close'));
      if (announcesCompaction(event)) void enqueue(entry, (e) => writeSession(e, 'checkpoint'));
    },
    close: (fileId: string) => {
      const entry = registry.get(fileId);
      return entry ? enqueue(entry, (e) => writeSession(e, 'close')) : Promise.resolve();
    },
    settle,
    /** Closes sessions that have been quiet for the idle timeout; resolves when they are written. */
    async closeIdle(): Promise<number> {
      const idle = registry.idle(now().getTime(), options.idleMs);
      await Promise.all(idle.map((entry) => enqueue(entry, (e) => writeSession(e, 'close'))));
      return idle.length;
    },
    /** Waits for a project's pending session writes, then detaches or re-homes its sessions. */
    async forgetScope(scope: Scope): Promise<void> {
      await waitForScope(scope);
      registry.forgetScope(scope);
    },
    async moveScope(from: Scope, to: Scope): Promise<void> {
      await waitForScope(from);
      registry.moveScope(from, to);
    },
    /** Resolves when every session job queued so far has finished (shutdown, tests). */
    async drain(): Promise<void> {
      await Promise.all([...chains.values()]);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
