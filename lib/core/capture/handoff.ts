import { handoffSections } from './handoff-sections.js';
import type { HandoffContent } from './session-digest.js';
import { isWithin } from '../host-path.js';
import { escapeInline } from './session-page.js';
import { TITLE_MAX, wholeWords } from './session-title.js';

export { renderPendingHandoff } from './handoff-block.js';

/**
 * Handoffs are wiki pages (`handoffs/<id>.md`) whose frontmatter carries their state, so the
 * wiki stays the only database: `state: open` until one session claims it (`accepted`) or a
 * newer handoff or a cancel retires it (`expired`).
 */
export type HandoffState = 'open' | 'accepted' | 'expired';

export interface HandoffRecord extends HandoffContent {
  id: string;
  state: HandoffState;
  created: string;
  /** Manual handoffs (memory_handoff_begin) are project-wide and preferred over automatic ones. */
  manual: boolean;
  cwd?: string;
  agent?: string;
  sessionId?: string;
  acceptedAt?: string;
  acceptedBy?: string;
  acceptedSession?: string;
}

export { HANDOFF_HEADER } from './handoff-marks.js';
const TITLE_PREFIX = 'Handoff: ';

/** "Handoff: Add a per-account quota": what the work was about, never the id alone. */
export function handoffTitle(record: Pick<HandoffRecord, 'id' | 'title' | 'summary'>): string {
  const about = record.title ?? (record.summary ? wholeWords(record.summary.split('\n')[0]!.replace(/^(?:Session focused on|Started):\s*/, ''), TITLE_MAX) : '');
  return about ? `${TITLE_PREFIX}${about}` : `Handoff ${record.id}`;
}

/** What a handoff page's title says the work was ("Add a per-account quota"), without "Handoff: ". */
export function handoffAbout(pageTitle: string): string {
  return pageTitle.startsWith(TITLE_PREFIX) ? pageTitle.slice(TITLE_PREFIX.length) : pageTitle;
}

export function handoffFields(record: HandoffRecord): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    title: handoffTitle(record),
    kind: 'handoff',
    tier: 'episodic',
    state: record.state,
    manual: record.manual,
    created: record.created,
  };
  if (record.cwd) fields.cwd = record.cwd;
  if (record.agent) fields.agent = record.agent;
  if (record.sessionId) fields.session_id = record.sessionId;
  fields.summary = record.summary;
  fields.open_questions = record.openQuestions;
  fields.next_steps = record.nextSteps;
  fields.files_touched = record.filesTouched;
  if (record.lastPrompt) fields.last_prompt = record.lastPrompt;
  if (record.lastReply) fields.last_reply = record.lastReply;
  if (record.failures?.length) fields.unfixed_failures = record.failures;
  if (record.decisions?.length) fields.decisions = record.decisions;
  if (record.sessionPage) fields.session_page = record.sessionPage;
  return fields;
}

/** Reads a handoff back from its page's frontmatter; null when the page is not a handoff. */
export function handoffFromFrontmatter(id: string, data: Record<string, unknown>): HandoffRecord | null {
  if (data.kind !== 'handoff') return null;
  const state = data.state === 'accepted' || data.state === 'expired' ? data.state : 'open';
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const record: HandoffRecord = {
    id,
    state,
    created: text(data.created) ?? new Date(0).toISOString(),
    manual: data.manual === true,
    summary: text(data.summary) ?? '',
    openQuestions: list(data.open_questions),
    nextSteps: list(data.next_steps),
    filesTouched: list(data.files_touched),
  };
  const title = text(data.title);
  if (title?.startsWith(TITLE_PREFIX)) record.title = title.slice(TITLE_PREFIX.length);
  const failures = list(data.unfixed_failures);
  if (failures.length > 0) record.failures = failures;
  const decisions = list(data.decisions);
  if (decisions.length > 0) record.decisions = decisions;
  const optional: Array<[keyof HandoffRecord, unknown]> = [
    ['cwd', data.cwd],
    ['agent', data.agent],
    ['sessionId', data.session_id],
    ['acceptedAt', data.accepted_at],
    ['acceptedBy', data.accepted_by],
    ['acceptedSession', data.accepted_session],
    ['lastPrompt', data.last_prompt],
    ['lastReply', data.last_reply],
    ['sessionPage', data.session_page],
  ];
  for (const [key, value] of optional) {
    const v = text(value);
    if (v) (record as unknown as Record<string, unknown>)[key] = v;
  }
  return record;
}

/** The handoff page's body: the same content a receiving agent gets, for people to read. */
export function renderHandoffBody(record: HandoffRecord, sessionPage?: string): string {
  const lines = [`# ${escapeInline(handoffTitle(record))}`, '', ...handoffSections(record).flatMap((section) => [`**${section.title}**`, ...section.lines, ''])];
  const page = sessionPage ?? record.sessionPage;
  if (page) lines.push(`Session: [${page}](../${page})`);
  if (lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

/**
 * Picks the handoff a receiving session should get: manual handoffs (project-wide) first, then
 * automatic ones left in the receiver's directory or an ancestor of it (on path boundaries:
 * `/repo` serves `/repo/api`, never `/repo-other`); the newest wins. A session never receives
 * its own handoff.
 */
export function selectHandoff(candidates: HandoffRecord[], receiver: { cwd?: string | undefined; sessionId?: string | undefined }): HandoffRecord | null {
  const open = candidates.filter((h) => h.state === 'open' && (!receiver.sessionId || h.sessionId !== receiver.sessionId));
  const newest = (list: HandoffRecord[]) => list.sort((a, b) => b.created.localeCompare(a.created) || b.id.localeCompare(a.id))[0] ?? null;
  const manual = newest(open.filter((h) => h.manual));
  if (manual) return manual;
  return newest(open.filter((h) => !h.manual && cwdServes(h.cwd, receiver.cwd)));
}

export function cwdServes(handoffCwd: string | undefined, receiverCwd: string | undefined): boolean {
  if (!handoffCwd || !receiverCwd) return true;
  // Windows cwds compare without case and with either separator (lib/core/host-path.ts).
  return isWithin(handoffCwd, receiverCwd);
}

/** A time-ordered, file-name-safe id: 20261125-101500-ab12cd. */
export function newHandoffId(now: Date, random: string): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${random.slice(0, 6)}`;
}
