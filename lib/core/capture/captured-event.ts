import type { EventKind } from './events.js';

/**
 * One captured hook event as stored in `raw/<ws>/<project>/<session>.jsonl`: normalized from the
 * agent's payload, redacted and capped. Lines with `record: "closed"` mark where the server
 * wrote the session page; a session whose last line is not one is still open.
 */
export interface CapturedEvent {
  record: 'event';
  v: 1;
  id: string;
  /** When the server received it (ISO 8601). */
  at: string;
  agent: string;
  kind: EventKind;
  /** The agent's own event name, as sent. */
  native: string;
  /** The agent's session id, as sent (the file name may be a hash of it). */
  session: string;
  cwd?: string;
  prompt?: string;
  tool?: CapturedTool;
  /** The assistant's reply for the turn (kind `assistant-reply`), redacted and capped like prompts. */
  reply?: string;
  /** Compaction summary, notification text. */
  text?: string;
  /** Session start source, session end reason, compaction trigger. */
  source?: string;
  model?: string;
  subagent?: string;
  /** The user whose token sent the event (multi-user mode). */
  actor?: string;
}

export interface CapturedTool {
  name: string;
  input?: string;
  output?: string;
  failed?: boolean;
  /** The command's exit code, where the agent reports one. */
  exit_code?: number;
  /** A short excerpt of the error, for failed calls. */
  error?: string;
  files?: string[];
}

export interface ClosedRecord {
  record: 'closed';
  v: 1;
  at: string;
  /** Events in the session when it was closed; a later close re-runs only if this grew. */
  events: number;
  page?: string;
  handoff?: string;
}

/** A handoff claimed at this session's start, so a session that does nothing can give it back. */
export interface ClaimRecord {
  record: 'claimed';
  v: 1;
  at: string;
  handoff: string;
}

export type RawRecord = CapturedEvent | ClosedRecord | ClaimRecord;

export function isEvent(record: RawRecord): record is CapturedEvent {
  return record.record === 'event';
}
