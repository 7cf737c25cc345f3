import type { CapturedEvent } from './captured-event.js';
import { announcesCompaction } from './events.js';
import { clip, type SessionDigest } from './session-digest.js';
import { describeFailure } from './tool-history.js';
import { unframedOutput } from './tool-outcome.js';

const TIMELINE_HEAD = 150;
const TIMELINE_TAIL = 150;
const REPLY_IN_TIMELINE = 400;

/**
 * The frontmatter fields and markdown body of `sessions/<id>.md`, written when a session ends
 * (and as a checkpoint before compaction). Captured text is untrusted: it is quoted, and `[`
 * is escaped so a prompt can never create links in the wiki's graph.
 */
export function sessionPageFields(digest: SessionDigest): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    kind: 'session',
    tier: 'episodic',
    session_id: digest.session,
    agent: digest.agent,
    summary: digest.summaryLine,
    started: digest.startedAt,
    ended: digest.endedAt,
  };
  if (digest.cwd) fields.cwd = digest.cwd;
  return fields;
}

export function renderSessionBody(digest: SessionDigest, events: CapturedEvent[], handoffPath?: string): string {
  const out: string[] = [`# ${escapeInline(digest.title)}`, ''];
  // The summary says "2 prompts, 5 tool calls ..." once: the handoff summary ends with it when tools ran.
  if (!digest.handoff.summary.includes(digest.summaryLine)) out.push(digest.summaryLine, '');
  out.push('## Summary', '', quote(digest.handoff.summary), '');
  if (handoffPath) out.push(`Handoff for the next session: [${handoffPath}](../${handoffPath})`, '');
  const { state } = digest;
  if (state.lastPrompt || state.lastReply) {
    out.push('## Where it stopped', '');
    if (state.lastPrompt) out.push(`Last request${state.midTurn ? ' (no reply yet)' : ''}:`, '', quote(clip(state.lastPrompt, 600)), '');
    // The reply keeps its lines: a "## Next steps" flattened into the prose reads as noise.
    if (state.lastReply) out.push('Last reply:', '', quote(capLines(state.lastReply, 1200)), '');
  }
  list(out, 'Next steps', state.nextSteps);
  list(out, 'Open questions', state.openQuestions);
  list(out, 'Failures not fixed', state.unfixed.map(describeFailure));
  list(out, 'Fixed along the way', state.fixed.map(describeFailure));
  list(out, 'Decisions', state.decisions);
  if (digest.prompts.length > 0) {
    out.push('## Prompts', '');
    digest.prompts.forEach((prompt, i) => out.push(`### ${i + 1}. ${time(prompt.at)}`, '', quote(prompt.text), ''));
  }
  if (digest.tools.length > 0) {
    out.push('## Tool calls', '');
    for (const tool of digest.tools) out.push(`- \`${escapeCode(tool.name)}\`: ${tool.calls}${tool.failures ? ` (${tool.failures} failed)` : ''}`);
    out.push('');
  }
  if (digest.files.length > 0) {
    out.push('## Files touched', '');
    for (const file of digest.files) out.push(`- \`${escapeCode(file)}\``);
    out.push('');
  }
  if (digest.failures.length > 0) {
    out.push('## Failures', '');
    for (const failure of digest.failures.slice(-10)) {
      const what = failure.input ? ` \`${escapeCode(clip(failure.input, 120))}\`` : '';
      out.push(`- ${time(failure.at)} \`${escapeCode(failure.tool)}\`${what}: ${escapeInline(clip(failure.output ? unframedOutput(failure.output) : 'failed', 300))}`);
    }
    out.push('');
  }
  out.push('## Timeline', '', ...timeline(events), '');
  out.push('_Written by ai-memory from the captured hook events (rule-based, no LLM)._', '');
  return out.join('\n');
}

function list(out: string[], title: string, items: string[]): void {
  if (items.length === 0) return;
  out.push(`## ${title}`, '');
  for (const item of items) out.push(`- ${escapeInline(item)}`);
  out.push('');
}

function timeline(captured: CapturedEvent[]): string[] {
  const line = (e: CapturedEvent) => {
    const failed = e.tool?.failed ? ` (failed${e.tool.exit_code !== undefined ? `, exit ${e.tool.exit_code}` : ''})` : '';
    const detail = e.prompt ?? e.reply ?? (e.tool ? `${e.tool.name}${e.tool.input ? ` ${e.tool.input}` : ''}${failed}` : e.source ?? '');
    // A reply is what a person reads the timeline for: it gets more room than a tool line.
    return `- ${time(e.at)} \`${e.kind}\`${detail ? ` ${escapeInline(clip(detail, e.reply ? REPLY_IN_TIMELINE : 100))}` : ''}`;
  };
  // Gemini CLI's per-turn compression checks (events.ts): nothing happened to the context.
  const events = withoutAnsweredCalls(captured).filter((e) => e.kind !== 'pre-compact' || announcesCompaction(e));
  if (events.length <= TIMELINE_HEAD + TIMELINE_TAIL) return events.map(line);
  return [
    ...events.slice(0, TIMELINE_HEAD).map(line),
    `- … ${events.length - TIMELINE_HEAD - TIMELINE_TAIL} events omitted …`,
    ...events.slice(-TIMELINE_TAIL).map(line),
  ];
}

/**
 * A tool call is one row: its outcome (post-tool or failure) names the tool and input too, so the
 * pre-tool row before it only doubled the timeline. A call that never got an outcome (the agent
 * was stopped mid-call) keeps its pre-tool row.
 */
function withoutAnsweredCalls(events: CapturedEvent[]): CapturedEvent[] {
  const key = (e: CapturedEvent) => `${e.tool?.name}\u0000${e.tool?.input ?? ''}`;
  const outcomes = new Map<string, number>();
  const kept: CapturedEvent[] = [];
  for (const event of [...events].reverse()) {
    if (event.kind === 'post-tool' || event.kind === 'tool-failure') outcomes.set(key(event), (outcomes.get(key(event)) ?? 0) + 1);
    else if (event.kind === 'pre-tool' && (outcomes.get(key(event)) ?? 0) > 0) {
      outcomes.set(key(event), outcomes.get(key(event))! - 1);
      continue;
    }
    kept.push(event);
  }
  return kept.reverse();
}

function time(at: string): string {
  return at.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** Captured text as a blockquote: headings and lists inside it stay inside the quote. */
function capLines(text: string, max: number): string {
  const tidy = text.trim().replace(/\n{3,}/g, '\n\n');
  return tidy.length > max ? `${tidy.slice(0, max - 1).trimEnd()}…` : tidy;
}

function quote(text: string): string {
  return escapeInline(text)
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

/** Captured text must not create links in the wiki's graph; the web UI already drops raw HTML. */
export function escapeInline(text: string): string {
  // Captured text is data: neither `[[page]]` nor `[text](page.md)` may become a wiki link.
  return text.replace(/\[/g, '\\[').replace(/\]\(/g, ']\\(');
}

function escapeCode(text: string): string {
  return text.replace(/`/g, "'").replace(/\n/g, ' ');
}
