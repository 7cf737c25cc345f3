import { randomBytes } from 'node:crypto';
import { samePath } from '../../core/host-path.js';
import type { Actor } from '../../core/actor.js';
import { parseFrontmatter, splitPage } from '../../core/frontmatter.js';
import {
  handoffFields,
  handoffFromFrontmatter,
  newHandoffId,
  renderHandoffBody,
  renderPendingHandoff,
  selectHandoff,
  type HandoffRecord,
} from '../../core/capture/handoff.js';
import { redact } from '../../core/capture/redact.js';
import type { HandoffContent } from '../../core/capture/session-digest.js';
import { invalid, notFound } from '../../core/errors.js';
import { parsePagePath, scopeKey, wikiPath, type Scope } from '../../core/paths.js';
import { COUNTS, LIMITS } from '../../core/wire/limits.js';
import type { ServiceDeps } from '../deps.js';
import type { WikiTx } from '../wiki-tx.js';
import { writeJob } from '../write-job.js';

export interface Receiver {
  agent: string;
  cwd?: string | undefined;
  sessionId?: string | undefined;
  actor?: Actor | undefined;
}

export type AcceptResult = { status: 'claimed'; handoff: HandoffRecord; markdown: string } | { status: 'none_pending'; handoff: null };

// The limits memory_handoff_begin lists (core/wire/limits.ts); here they cap the redacted text.
const LIST_MAX = COUNTS.handoffs.max;
const ITEM_MAX = LIMITS.handoffItemChars;
const SUMMARY_MAX = LIMITS.handoffSummaryChars;

/**
 * Handoffs as wiki pages. Claiming runs in the store's single writer and re-reads the page from
 * disk first, so under any number of concurrent requests one handoff is claimed exactly once.
 */
export function createHandoffService(deps: ServiceDeps, options: { budgetTokens?: number } = {}) {
  const { store, index } = deps;
  const render = (record: HandoffRecord) => renderPendingHandoff(record, options.budgetTokens !== undefined ? { budgetTokens: options.budgetTokens } : {});
  const now = () => (deps.now ?? (() => new Date()))();

  /** Handoffs of a project as the index knows them (state, cwd, age), newest first. */
  function indexed(scope: Scope) {
    return index
      .pagesIn(scope)
      .filter((page) => page.kind === 'handoff' && page.handoff && page.path.startsWith('handoffs/'))
      .map((page) => ({ rel: page.rel, id: page.path.slice('handoffs/'.length, -'.md'.length), meta: page.handoff! }))
      .sort((a, b) => b.meta.created.localeCompare(a.meta.created));
  }

  async function readRecord(rel: string, id: string): Promise<HandoffRecord | null> {
    const text = await store.files.read(rel);
    if (text === null) return null;
    return handoffFromFrontmatter(id, parseFrontmatter(splitPage(text).yaml).data);
  }

  /** Inside a write job: claims one handoff if it is still open on disk. */
  async function claimInJob(tx: WikiTx, scope: Scope, id: string, by: Receiver): Promise<HandoffRecord | null> {
    const rel = wikiPath(scope, parsePagePath(`handoffs/${id}.md`));
    const record = await readRecord(rel, id);
    if (!record || record.state !== 'open') return null;
    const at = now().toISOString();
    const changes: Record<string, unknown> = { state: 'accepted', accepted_at: at, accepted_by: by.agent };
    if (by.sessionId) changes.accepted_session = by.sessionId;
    if (by.actor?.kind === 'user') changes.accepted_by_user = by.actor.name;
    await tx.editFrontmatter(rel, changes);
    // Older automatic handoffs from the same directory are spent with it (#293: they pile up).
    for (const older of indexed(scope)) {
      if (older.rel === rel || older.meta.state !== 'open' || older.meta.manual) continue;
      if (samePath(older.meta.cwd, record.cwd) && older.meta.created <= record.created) {
        await tx.editFrontmatter(older.rel, { state: 'expired', expired_at: at });
      }
    }
    return { ...record, state: 'accepted', acceptedAt: at, acceptedBy: by.agent, ...(by.sessionId ? { acceptedSession: by.sessionId } : {}) };
  }

  /** The pending handoff for a receiver, claimed, as the markdown block agents get; null if none. */
  async function deliver(scope: Scope, receiver: Receiver): Promise<HandoffRecord | null> {
    // The message names the handoff the job chose, so it is built once the job has run.
    let chosenId = '';
    const { value } = await writeJob(deps, { message: () => `Handoff ${chosenId} accepted by ${receiver.agent}`, author: receiver.actor }, async (tx) => {
      const candidates = await Promise.all(
        indexed(scope)
          .filter((h) => h.meta.state === 'open')
          .map((h) => readRecord(h.rel, h.id)),
      );
      const chosen = selectHandoff(candidates.filter((c): c is HandoffRecord => c !== null), receiver);
      if (!chosen) return null;
      chosenId = chosen.id;
      return claimInJob(tx, scope, chosen.id, receiver);
    });
    return value;
  }

  /**
   * Inside a write job: writes a new automatic handoff for a finished session and retires the
   * open automatic ones from the same directory (and any earlier one of the same session).
   */
  async function createAutomaticInJob(tx: WikiTx, scope: Scope, content: HandoffContent, from: { agent: string; cwd?: string; sessionId: string; sessionPage: string }): Promise<{ id: string }> {
    const at = now();
    const id = newHandoffId(at, randomBytes(4).toString('hex'));
    const record: HandoffRecord = { ...content, id, state: 'open', created: at.toISOString(), manual: false, agent: from.agent, sessionId: from.sessionId, sessionPage: from.sessionPage };
    if (from.cwd) record.cwd = from.cwd;
    for (const older of indexed(scope)) {
      if (older.meta.state !== 'open' || older.meta.manual) continue;
      if (samePath(older.meta.cwd, record.cwd) || older.meta.sessionId === record.sessionId) {
        await tx.editFrontmatter(older.rel, { state: 'expired', expired_at: record.created });
      }
    }
    await writeHandoff(tx, scope, record, from.sessionPage);
    return { id };
  }

  function writeHandoff(tx: WikiTx, scope: Scope, record: HandoffRecord, sessionPage?: string) {
    return tx.putPage(scope, parsePagePath(`handoffs/${record.id}.md`), { body: renderHandoffBody(record, sessionPage), extra: handoffFields(record) }, now());
  }

  /** A handoff written on purpose by an agent (memory_handoff_begin): project-wide, preferred. */
  async function begin(scope: Scope, projectName: string, content: Partial<HandoffContent> & { summary: string }, from: { agent?: string; cwd?: string; actor?: Actor } = {}): Promise<HandoffRecord> {
    const record: HandoffRecord = {
      id: newHandoffId(now(), randomBytes(4).toString('hex')),
      state: 'open',
      created: now().toISOString(),
      manual: true,
      summary: limit(content.summary, SUMMARY_MAX, 'summary'),
      openQuestions: limitList(content.openQuestions, 'open_questions'),
      nextSteps: limitList(content.nextSteps, 'next_steps'),
      filesTouched: limitList(content.filesTouched, 'files_touched', LIMITS.pathChars),
    };
    const failures = limitList(content.failures, 'unfixed_failures');
    if (failures.length > 0) record.failures = failures;
    const decisions = limitList(content.decisions, 'decisions');
    if (decisions.length > 0) record.decisions = decisions;
    if (from.agent) record.agent = from.agent;
    // An agent-given cwd reaches the page like a captured one: redacted the same way.
    if (from.cwd) record.cwd = redact(from.cwd);
    await writeJob(deps, { message: `Handoff ${record.id} begun${from.agent ? ` by ${from.agent}` : ''}`, author: from.actor }, async (tx) => {
      await tx.ensureManifest(scope, projectName, now());
      await writeHandoff(tx, scope, record);
    });
    return record;
  }

  /** Open handoffs, newest first, with their content; nothing is claimed. */
  async function list(scope: Scope, options: { state?: HandoffRecord['state'] | 'all'; limit?: number } = {}): Promise<HandoffRecord[]> {
    const wanted = options.state ?? 'open';
    const chosen = indexed(scope)
      .filter((h) => wanted === 'all' || h.meta.state === wanted)
      .slice(0, Math.min(options.limit ?? 50, LIST_MAX));
    const records = await Promise.all(chosen.map((h) => readRecord(h.rel, h.id)));
    return records.filter((r): r is HandoffRecord => r !== null);
  }

  async function accept(scope: Scope, id: string, by: Receiver): Promise<AcceptResult> {
    checkId(id);
    const { value: record } = await writeJob(deps, { message: `Handoff ${id} accepted by ${by.agent}`, author: by.actor }, (tx) => claimInJob(tx, scope, id, by));
    return record ? { status: 'claimed', handoff: record, markdown: render(record) } : { status: 'none_pending', handoff: null };
  }

  async function cancel(scope: Scope, id: string, actor?: Actor): Promise<{ cancelled: boolean; state: HandoffRecord['state'] }> {
    checkId(id);
    const { value } = await writeJob(deps, { message: `Handoff ${id} cancelled`, author: actor }, async (tx) => {
      const rel = wikiPath(scope, parsePagePath(`handoffs/${id}.md`));
      const record = await readRecord(rel, id);
      if (!record) throw notFound(`no handoff ${id} in ${scopeKey(scope)}`);
      if (record.state !== 'open') return { cancelled: false, state: record.state };
      await tx.editFrontmatter(rel, { state: 'expired', expired_at: now().toISOString() });
      return { cancelled: true, state: 'expired' as const };
    });
    return value;
  }

  /** Inside a write job: a handoff claimed by a session that then did nothing goes back to open. */
  async function reopenInJob(tx: WikiTx, scope: Scope, id: string): Promise<boolean> {
    const rel = wikiPath(scope, parsePagePath(`handoffs/${id}.md`));
    const record = await readRecord(rel, id);
    if (!record || record.state !== 'accepted') return false;
    return tx.editFrontmatter(rel, { state: 'open', accepted_at: undefined, accepted_by: undefined, accepted_session: undefined });
  }

  /** One handoff as stored (null if gone): what a session that picked it up continues from. */
  function read(scope: Scope, id: string): Promise<HandoffRecord | null> {
    return readRecord(wikiPath(scope, parsePagePath(`handoffs/${id}.md`)), id);
  }

  return { deliver, begin, list, accept, cancel, createAutomaticInJob, reopenInJob, render, read };
}

export type HandoffService = ReturnType<typeof createHandoffService>;

function checkId(id: string): void {
  if (typeof id !== 'string' || !/^[0-9]{8}-[0-9]{6}-[0-9a-f]{1,12}$/.test(id)) throw invalid(`handoff_id ${JSON.stringify(id)} is not a handoff id (like 20261125-101500-ab12cd)`);
}

/** Agent-written handoff text is redacted and capped like captured text. */
function limit(text: unknown, max: number, name: string): string {
  if (typeof text !== 'string' || text.trim() === '') throw invalid(`${name} must be a non-empty string`);
  const clean = redact(text);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function limitList(items: unknown, name: string, itemMax: number = ITEM_MAX): string[] {
  if (items === undefined) return [];
  if (!Array.isArray(items) || items.some((i) => typeof i !== 'string')) throw invalid(`${name} must be a list of strings`);
  return items.slice(0, LIMITS.handoffItems).map((i: string) => {
    const clean = redact(i);
    return clean.length > itemMax ? `${clean.slice(0, itemMax)}…` : clean;
  });
}
