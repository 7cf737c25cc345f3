import type { CapturedEvent } from '../capture/captured-event.js';
import { LIMITS } from '../wire/limits.js';

/**
 * The pure parts of LLM consolidation: the bounded observation log sent to the provider, and
 * the validation of its answer before anything touches the wiki.
 */
export const CONSOLIDATION_LIMITS = {
  /** Characters of observation log per call (cost control, whatever the session's size). */
  logChars: 48_000,
  pageChars: 8_000,
  eventChars: 1_200,
  bodyChars: 60_000,
  titleChars: 120,
  linkablePages: 150,
  /** Per-call `instructions` (checked by its wire schema) and the project's `_prompts/consolidation.md`, each. */
  instructionChars: LIMITS.instructionChars,
} as const;

export interface ObservationLine {
  at: string;
  kind: string;
  text: string;
}

/** One line per event, each capped; the caller budgets the whole. */
export function observationLog(events: CapturedEvent[]): ObservationLine[] {
  const cap = (text: string) => (text.length > CONSOLIDATION_LIMITS.eventChars ? `${text.slice(0, CONSOLIDATION_LIMITS.eventChars)}...` : text);
  const out: ObservationLine[] = [];
  for (const e of events) {
    let text = '';
    if (e.prompt) text = e.prompt;
    else if (e.tool) {
      const files = e.tool.files?.length ? ` files: ${e.tool.files.join(', ')}` : '';
      text = `${e.tool.name}${e.tool.failed ? ' (failed)' : ''}${files}${e.tool.input ? ` input: ${e.tool.input}` : ''}${e.tool.output ? ` output: ${e.tool.output}` : ''}`;
    } else if (e.text) text = e.text;
    else if (e.source) text = e.source;
    if (text === '' && (e.kind === 'session-start' || e.kind === 'session-end')) text = e.kind;
    if (text !== '') out.push({ at: e.at, kind: e.kind, text: cap(text) });
  }
  return out;
}

/** Keeps the start and the end of a long session within the character budget. */
export function boundedLog(lines: ObservationLine[], maxChars = CONSOLIDATION_LIMITS.logChars): { lines: ObservationLine[]; omitted: number } {
  const size = (l: ObservationLine) => l.text.length + 40;
  let total = lines.reduce((n, l) => n + size(l), 0);
  if (total <= maxChars) return { lines, omitted: 0 };
  const head: ObservationLine[] = [];
  const tail: ObservationLine[] = [];
  let i = 0;
  let j = lines.length - 1;
  total = 0;
  // Alternate: the first third from the start, the rest from the end (where the session landed).
  while (i <= j) {
    const takeHead = head.length * 2 < tail.length;
    const line = takeHead ? lines[i]! : lines[j]!;
    if (total + size(line) > maxChars) break;
    total += size(line);
    if (takeHead) head.push(lines[i++]!);
    else tail.unshift(lines[j--]!);
  }
  return { lines: [...head, ...tail], omitted: lines.length - head.length - tail.length };
}

export type ConsolidationCheck = { ok: true; title: string; body: string } | { ok: false; reason: string };

/**
 * Only `title` and `body_markdown` are taken from the answer; anything else the model adds
 * (other paths, frontmatter, extra pages) is ignored. The body must be plain markdown: no
 * frontmatter block of its own, no NUL, balanced code fences, within size.
 */
export function checkConsolidation(answer: Record<string, unknown> | null): ConsolidationCheck {
  if (!answer) return { ok: false, reason: 'the answer was not a JSON object' };
  const title = typeof answer.title === 'string' ? answer.title.trim() : '';
  const body = typeof answer.body_markdown === 'string' ? answer.body_markdown.replace(/\r\n/g, '\n').trim() : '';
  if (title === '' || /[\r\n]/.test(title) || title.length > CONSOLIDATION_LIMITS.titleChars) return { ok: false, reason: `title must be one line of 1 to ${CONSOLIDATION_LIMITS.titleChars} characters` };
  if (body.length < 20) return { ok: false, reason: 'body_markdown is missing or too short' };
  if (body.length > CONSOLIDATION_LIMITS.bodyChars) return { ok: false, reason: 'body_markdown is too long' };
  if (body.startsWith('---')) return { ok: false, reason: 'body_markdown must not carry its own frontmatter' };
  if (body.includes('\u0000')) return { ok: false, reason: 'body_markdown contains NUL characters' };
  if ((body.match(/^\s*(```|~~~)/gm) ?? []).length % 2 !== 0) return { ok: false, reason: 'body_markdown has an unclosed code fence' };
  return { ok: true, title, body: `${body}\n` };
}
