import { createHash } from 'node:crypto';
import type { CapturedEvent } from '../../lib/core/capture/captured-event.js';
import { handoffFields, renderHandoffBody, type HandoffRecord } from '../../lib/core/capture/handoff.js';
import { digestSession } from '../../lib/core/capture/session-digest.js';
import { renderSessionBody, sessionPageFields } from '../../lib/core/capture/session-page.js';
import { composePage, createFrontmatter } from '../../lib/core/frontmatter.js';
import { DECISIONS } from './decisions.js';
import { GOTCHAS } from './gotchas.js';
import { CONCEPTS, NOTES, PROCEDURES, RULES } from './rules-procedures.js';
import { SESSIONS, type SessionScript } from './sessions.js';
import type { PageSpec } from './spec.js';

export const CURATED: PageSpec[] = [...DECISIONS, ...GOTCHAS, ...RULES, ...PROCEDURES, ...CONCEPTS, ...NOTES];

/** A stable UUID-shaped session id per script, as Claude Code and Codex name their sessions. */
export function sessionId(key: string): string {
  const hex = createHash('sha256').update(`ledgerline:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function handoffId(key: string): string {
  return `${key.length}${sessionId(key).slice(0, 8)}`;
}

/** `session:<key>` and `handoff:<key>` name captured pages; anything else is a path. */
export function resolveExpected(ref: string): string {
  const [type, key] = ref.split(':');
  if (type === 'session' && key) return `sessions/${sessionId(key)}.md`;
  if (type === 'handoff' && key) return `handoffs/${handoffId(key)}.md`;
  return ref;
}

function curatedText(page: PageSpec): string {
  const fields: Record<string, unknown> = { title: page.title, created: page.created, updated: page.updated ?? page.created };
  if (page.tags) fields.tags = page.tags;
  if (page.aliases) fields.aliases = page.aliases;
  if (page.supersedes) fields.supersedes = page.supersedes;
  return composePage({ open: '---\n', close: '---\n', yaml: createFrontmatter(fields), body: `# ${page.title}\n\n${page.body}\n` });
}

/** The hook events a session script stands for, two minutes apart. */
function eventsOf(script: SessionScript): CapturedEvent[] {
  const id = sessionId(script.key);
  let at = Date.parse(script.start);
  let n = 0;
  const event = (kind: CapturedEvent['kind'], extra: Partial<CapturedEvent>): CapturedEvent => {
    at += 2 * 60_000;
    return { record: 'event', v: 1, id: `${id}-${n++}`, at: new Date(at).toISOString(), agent: script.agent, kind, native: kind, session: id, cwd: '/home/dev/ledgerline', ...extra };
  };
  const events = [event('session-start', { source: 'startup' })];
  for (const turn of script.turns) {
    events.push(event('user-prompt', { prompt: turn.prompt }));
    for (const step of turn.steps) {
      const tool = { name: step.tool, input: step.input, ...(step.files ? { files: step.files } : {}), ...(step.failed ? { failed: true, output: step.failed } : {}) };
      events.push(event(step.failed ? 'tool-failure' : 'post-tool', { tool }));
    }
    events.push(event('stop', {}));
  }
  events.push(event('session-end', { source: 'exit' }));
  return events;
}

/** Every page of the recall wiki: project-relative path -> file text. */
export function recallWiki(): Map<string, string> {
  const files = new Map<string, string>();
  for (const page of CURATED) files.set(page.path, curatedText(page));
  for (const script of SESSIONS) {
    const events = eventsOf(script);
    const digest = digestSession(events);
    const sessionPath = `sessions/${sessionId(script.key)}.md`;
    const handoffPath = script.handoff ? `handoffs/${handoffId(script.key)}.md` : undefined;
    // As the capture service writes it: the title is the body's heading; putPage stamps the dates.
    const fields = { ...sessionPageFields(digest), created: digest.endedAt, updated: digest.endedAt };
    files.set(sessionPath, composePage({ open: '---\n', close: '---\n', yaml: createFrontmatter(fields), body: renderSessionBody(digest, events, handoffPath) }));
    if (script.handoff && handoffPath) {
      const record: HandoffRecord = { ...digest.handoff, id: handoffId(script.key), state: script.handoff, created: digest.endedAt, manual: false, agent: script.agent, sessionId: digest.session, cwd: '/home/dev/ledgerline' };
      files.set(handoffPath, composePage({ open: '---\n', close: '---\n', yaml: createFrontmatter(handoffFields(record)), body: renderHandoffBody(record, sessionPath) }));
    }
  }
  return files;
}
