import type { CapturedEvent } from '../../core/capture/captured-event.js';
import { AGENTS_WITHOUT_SESSION_END } from '../../core/capture/events.js';
import { sessionTitle } from '../../core/capture/session-title.js';
import { scopeKey, type Scope } from '../../core/paths.js';
import type { RawLog } from '../../store/raw-log.js';

/** What the server knows about a session between its events; rebuilt from raw files at start. */
export interface SessionEntry {
  fileId: string;
  scope: Scope;
  agent: string;
  session: string;
  lastAt: number;
  /** Last session start, prompt or tool call: what "the agent is working here" means. */
  foregroundAt: number;
  open: boolean;
  /** What a live session is about, from its first request (sessions loaded at start have none until their page is written). */
  title?: string;
}

const FOREGROUND = new Set(['session-start', 'user-prompt', 'pre-tool']);

const TAIL_BYTES = 8192;

/**
 * Open sessions, in memory. The raw files are the truth: a session is open until its file ends
 * with a `closed` record. The registry makes "which sessions are open in this project" and
 * "which project does this session belong to" (sessions stay in the project they started in)
 * lookups instead of file scans.
 */
export class SessionRegistry {
  private readonly entries = new Map<string, SessionEntry>();

  /** Reads every session file's tail: open sessions are those not closed last. */
  async load(raw: RawLog): Promise<void> {
    for (const file of await raw.list()) {
      const tail = await raw.tail(file.scope, file.fileId, TAIL_BYTES);
      const last = tail[tail.length - 1];
      const event = [...tail].reverse().find((r): r is CapturedEvent => r.record === 'event');
      if (!event) continue;
      this.entries.set(file.fileId, {
        fileId: file.fileId,
        scope: file.scope,
        agent: event.agent,
        session: event.session,
        lastAt: Date.parse(event.at) || file.mtimeMs,
        foregroundAt: Date.parse(event.at) || file.mtimeMs,
        open: last?.record !== 'closed',
      });
    }
  }

  get(fileId: string): SessionEntry | undefined {
    return this.entries.get(fileId);
  }

  observe(fileId: string, scope: Scope, event: CapturedEvent): SessionEntry {
    const entry = this.entries.get(fileId) ?? { fileId, scope, agent: event.agent, session: event.session, lastAt: 0, foregroundAt: 0, open: true };
    entry.lastAt = Date.parse(event.at);
    if (FOREGROUND.has(event.kind)) entry.foregroundAt = entry.lastAt;
    if (!entry.title && event.kind === 'user-prompt' && event.prompt) {
      const title = sessionTitle({ prompts: [event.prompt] });
      if (!/ session$/.test(title)) entry.title = title;
    }
    entry.open = true;
    this.entries.set(fileId, entry);
    return entry;
  }

  markClosed(fileId: string): void {
    const entry = this.entries.get(fileId);
    if (entry) entry.open = false;
  }

  /** Open sessions in a project that a new session there should close first. */
  staleIn(scope: Scope, except: string, now: number, idleMs: number): SessionEntry[] {
    const key = scopeKey(scope);
    return [...this.entries.values()].filter(
      (e) =>
        e.open &&
        e.fileId !== except &&
        scopeKey(e.scope) === key &&
        (AGENTS_WITHOUT_SESSION_END.has(e.agent) || now - e.lastAt >= idleMs),
    );
  }

  idle(now: number, idleMs: number): SessionEntry[] {
    return [...this.entries.values()].filter((e) => e.open && now - e.lastAt >= idleMs);
  }

  /**
   * The project an agent is working in right now: the open session with the latest foreground
   * event within `windowMs`. MCP calls that name no project use it (SPEC section 7); reads
   * also accept an ended session (the project last worked in).
   */
  active(now: number, windowMs: number, options: { includeEnded?: boolean } = {}): SessionEntry | undefined {
    let best: SessionEntry | undefined;
    for (const entry of this.entries.values()) {
      if ((!entry.open && !options.includeEnded) || now - entry.foregroundAt > windowMs) continue;
      if (!best || entry.foregroundAt > best.foregroundAt) best = entry;
    }
    return best;
  }

  /** Sessions of one project, newest activity first. */
  inScope(scope: Scope): SessionEntry[] {
    const key = scopeKey(scope);
    return [...this.entries.values()].filter((e) => scopeKey(e.scope) === key).sort((a, b) => b.lastAt - a.lastAt);
  }

  /** Forgets a purged project's sessions, so no late close writes into it again. */
  forgetScope(scope: Scope): void {
    const key = scopeKey(scope);
    for (const [fileId, entry] of this.entries) if (scopeKey(entry.scope) === key) this.entries.delete(fileId);
  }

  /** Re-homes a renamed project's sessions: later events and closes land in the new folder. */
  moveScope(from: Scope, to: Scope): void {
    const key = scopeKey(from);
    for (const entry of this.entries.values()) if (scopeKey(entry.scope) === key) entry.scope = { ...to };
  }

  openSessions(): SessionEntry[] {
    return [...this.entries.values()].filter((e) => e.open);
  }
}
