import type { CapturedEvent } from './captured-event.js';
import { withoutFollowupSections } from './followups.js';
import { sessionState, oneLine, type SessionState } from './session-state.js';
import { isContinuation, sessionTitle } from './session-title.js';
import { isShellTool } from './tool-outcome.js';
import { describeFailure } from './tool-history.js';

/**
 * What a session did, derived from its captured events by rules alone (no LLM): the prompts in
 * order, the tools used, files touched, failures, and the rule-based handoff (SPEC section 5).
 */
export interface SessionDigest {
  session: string;
  agent: string;
  cwd?: string;
  startedAt: string;
  endedAt: string;
  events: number;
  prompts: Array<{ at: string; text: string }>;
  tools: Array<{ name: string; calls: number; failures: number }>;
  files: string[];
  failures: Array<{ at: string; tool: string; input?: string; output?: string }>;
  compactions: string[];
  /** Where it stopped: next steps, open questions, failures fixed or not, files changed, decisions. */
  state: SessionState;
  replies: number;
  title: string;
  summaryLine: string;
  /** A session with no prompt and no tool call writes nothing. */
  substantive: boolean;
  handoff: HandoffContent;
}

/**
 * What a handoff carries. The fields after `filesTouched` (files changed, not read) are filled
 * by the rule-based digest; a handoff written on purpose by an agent may leave them out.
 */
export interface HandoffContent {
  summary: string;
  openQuestions: string[];
  nextSteps: string[];
  filesTouched: string[];
  /** What the session was about, in words. */
  title?: string;
  lastPrompt?: string;
  lastReply?: string;
  /** Failures not fixed later: command, exit code, error excerpt. */
  failures?: string[];
  decisions?: string[];
  /** The session page, e.g. `sessions/<id>.md`. */
  sessionPage?: string;
}

const HANDOFF_ITEM = 500;
const LAST_PROMPT = 300;
const LAST_REPLY = 400;
const FILES = 12;
const FAILURES = 5;

/** `continues`: the handoff the session picked up at its start, if any. */
export function digestSession(events: CapturedEvent[], context: { continues?: HandoffContent } = {}): SessionDigest {
  const first = events[0];
  const last = events[events.length - 1];
  const prompts = events.filter((e) => e.kind === 'user-prompt' && e.prompt?.trim()).map((e) => ({ at: e.at, text: e.prompt!.trim() }));
  const toolEvents = events.filter((e) => (e.kind === 'post-tool' || e.kind === 'tool-failure') && e.tool);
  const byTool = new Map<string, { name: string; calls: number; failures: number }>();
  for (const event of toolEvents) {
    const entry = byTool.get(event.tool!.name) ?? { name: event.tool!.name, calls: 0, failures: 0 };
    entry.calls += 1;
    if (event.tool!.failed) entry.failures += 1;
    byTool.set(entry.name, entry);
  }
  const tools = [...byTool.values()].sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name));
  const files = [...new Set(toolEvents.flatMap((e) => e.tool!.files ?? []))];
  const failures = toolEvents
    .filter((e) => e.tool!.failed)
    .map((e) => ({ at: e.at, tool: e.tool!.name, ...(e.tool!.input ? { input: e.tool!.input } : {}), ...(e.tool!.output ? { output: e.tool!.output } : {}) }));
  const state = sessionState(events);
  const cwd = events.find((e) => e.cwd)?.cwd;
  const startedAt = first?.at ?? new Date(0).toISOString();
  const endedAt = last?.at ?? startedAt;
  const digest: SessionDigest = {
    session: first?.session ?? '',
    agent: first?.agent ?? 'unknown',
    startedAt,
    endedAt,
    events: events.length,
    prompts,
    tools,
    files,
    failures,
    compactions: events.filter((e) => e.kind === 'post-compact' && e.text).map((e) => e.text!),
    state,
    replies: events.filter((e) => e.kind === 'assistant-reply').length,
    title: sessionTitle({
      prompts: prompts.map((p) => p.text),
      filesChanged: state.filesChanged,
      commands: toolEvents.map((e) => e.tool!.input ?? ''),
      agent: first?.agent ?? 'unknown',
      ...(cwd ? { cwd } : {}),
      ...(context.continues?.title ? { continues: context.continues.title } : {}),
    }),
    summaryLine: summaryLine(prompts.length, toolEvents.length, tools, startedAt, endedAt),
    substantive: prompts.length > 0 || events.some((e) => e.kind === 'pre-tool' || e.kind === 'post-tool' || e.kind === 'tool-failure'),
    handoff: { summary: '', openQuestions: [], nextSteps: [], filesTouched: files.slice(0, 20) },
  };
  if (cwd) digest.cwd = cwd;
  digest.handoff = handoffOf(digest, context.continues?.title);
  if (context.continues && onlyLooked(prompts.map((p) => p.text), toolEvents)) digest.handoff = carriedOver(digest.handoff, context.continues);
  return digest;
}

function handoffOf(digest: SessionDigest, continues?: string): HandoffContent {
  // "Where did we leave off?" is not what a session was about: the work it picked up is (as in
  // its title), or, with no handoff picked up, the prompts say nothing worth a line.
  const texts = digest.prompts.map((p) => p.text).filter((text) => !isContinuation(text.split('\n')[0]!.trim()));
  const distinct = [...new Set(texts)];
  const firstPrompt = distinct[0];
  const lastPrompt = texts[texts.length - 1];
  const parts: string[] = [];
  if (digest.prompts.length === 0) parts.push(`Session ended; ${digest.events} events recorded.`);
  else if (firstPrompt && distinct.length === 1) parts.push(`Session focused on: ${sentence(clip(firstPrompt, HANDOFF_ITEM))}`);
  else if (firstPrompt) parts.push(`Started: ${sentence(clip(firstPrompt, HANDOFF_ITEM))} Last: ${sentence(clip(lastPrompt!, HANDOFF_ITEM))}`);
  else if (continues) parts.push(`Continued: ${sentence(clip(continues.replace(/^(?:Continued: )+/, ''), HANDOFF_ITEM))}`);
  const compaction = digest.compactions[digest.compactions.length - 1];
  if (compaction) parts.push(`At the last compaction: ${clip(compaction, 1500)}`);
  if (digest.tools.length > 0) parts.push(digest.summaryLine);
  const summary = parts.length > 0 ? parts.join('\n\n') : digest.summaryLine;

  const { state } = digest;
  const content: HandoffContent = {
    title: digest.title,
    summary,
    nextSteps: state.nextSteps,
    openQuestions: state.openQuestions,
    failures: state.unfixed.slice(0, FAILURES).map(describeFailure),
    filesTouched: state.filesChanged.slice(0, FILES),
    decisions: state.decisions,
  };
  if (state.lastPrompt) content.lastPrompt = oneLine(state.lastPrompt, LAST_PROMPT);
  // Its next steps and questions have their own lines in the handoff: not said twice.
  if (state.lastReply) content.lastReply = oneLine(withoutFollowupSections(state.lastReply) || state.lastReply, LAST_REPLY);
  return content;
}

/**
 * A session that only asked where things stood ("where did we leave off?") and ran nothing, or
 * only read: its own handoff would hold the question and the answer and lose the work still
 * open, since the handoff it read is spent.
 */
function onlyLooked(prompts: string[], toolEvents: CapturedEvent[]): boolean {
  return prompts.every((p) => isContinuation(p.split('\n')[0]!.trim())) && toolEvents.every((e) => !e.tool!.failed && !(e.tool!.files?.length) && !isShellTool(e.tool!.name));
}

/** The open work of the handoff a look-only session read goes on into its own. */
function carriedOver(own: HandoffContent, picked: HandoffContent): HandoffContent {
  const carried: HandoffContent = { ...own };
  const take = <T>(mine: T[] | undefined, theirs: T[] | undefined) => (mine && mine.length > 0 ? mine : (theirs ?? []));
  // A question left without an answer leads; the open work follows it.
  const unanswered = own.nextSteps.every((step) => step.startsWith('Unanswered request: '));
  carried.nextSteps = unanswered ? [...own.nextSteps, ...picked.nextSteps] : own.nextSteps;
  carried.openQuestions = take(own.openQuestions, picked.openQuestions);
  carried.failures = take(own.failures, picked.failures);
  carried.filesTouched = take(own.filesTouched, picked.filesTouched);
  carried.decisions = take(own.decisions, picked.decisions);
  return carried;
}

/** "2 prompts, 3 completed tool calls across Bash and Edit, over 18m." */
export function summaryLine(
  prompts: number,
  calls: number,
  tools: Array<{ name: string }>,
  startedAt: string,
  endedAt: string,
): string {
  const parts = [`${prompts} prompt${prompts === 1 ? '' : 's'}`, `${calls} completed tool call${calls === 1 ? '' : 's'}`];
  let line = parts.join(', ');
  if (tools.length > 0) {
    const names = tools.slice(0, 3).map((t) => t.name);
    const rest = tools.length - names.length;
    line += ` across ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`}${rest > 0 ? ` and ${rest} more` : ''}`;
  }
  const minutes = Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 60_000));
  if (minutes >= 60) line += `, over ${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m.`;
  else line += minutes === 0 ? ', in under a minute.' : `, over ${minutes}m.`;
  return line;
}

/** Prompts rarely end with a full stop; one keeps "Started: ... Last: ..." from running on. */
function sentence(text: string): string {
  return /[.!?…:;)"'`]$/.test(text) ? text : `${text}.`;
}

export function clip(text: string, max: number): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max - 1).trimEnd()}…` : single;
}
