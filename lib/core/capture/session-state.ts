import type { CapturedEvent } from './captured-event.js';
import { extractFollowups } from './followups.js';
import { toolHistory, type ToolFailure } from './tool-history.js';

/**
 * Where a session stopped, from its prompts, replies and tool calls (SPEC section 5): the last
 * prompt and reply, next steps and open questions (the latest reply wins), failures not fixed
 * later, files changed, decisions. Pure; the digest and the handoff are built from it.
 */
export interface SessionState {
  lastPrompt?: string;
  lastReply?: string;
  /** The last prompt got no reply: the session stopped in the middle of a turn. */
  midTurn: boolean;
  nextSteps: string[];
  openQuestions: string[];
  decisions: string[];
  unfixed: ToolFailure[];
  fixed: ToolFailure[];
  filesChanged: string[];
}

interface Message {
  role: 'user' | 'assistant';
  text: string;
}

const MAX_STEPS = 8;
const MAX_QUESTIONS = 6;
const MAX_DECISIONS = 5;

export function sessionState(events: CapturedEvent[]): SessionState {
  const messages: Message[] = [];
  for (const event of events) {
    if (event.kind === 'user-prompt' && event.prompt?.trim()) messages.push({ role: 'user', text: event.prompt.trim() });
    else if (event.kind === 'assistant-reply' && event.reply?.trim()) messages.push({ role: 'assistant', text: event.reply.trim() });
  }
  const tools = toolHistory(events);
  const state: SessionState = { midTurn: false, nextSteps: [], openQuestions: [], decisions: [], ...tools };
  const lastUser = lastIndex(messages, 'user');
  const lastAssistant = lastIndex(messages, 'assistant');
  if (lastUser >= 0) state.lastPrompt = messages[lastUser]!.text;
  if (lastAssistant >= 0) state.lastReply = messages[lastAssistant]!.text;
  state.midTurn = lastUser > lastAssistant;

  const replies = messages.map((m, i) => ({ ...m, i, followups: m.role === 'assistant' ? extractFollowups(m.text) : null }));
  // Next steps: the latest reply that states any wins; an older plan the user redirected, or
  // that a later reply reports done, is not carried over.
  const planned = [...replies].reverse().find((r) => r.followups && r.followups.nextSteps.length > 0);
  if (planned) {
    const later = messages.slice(planned.i + 1);
    const redirected = later.some((m) => m.role === 'user' && redirects(m.text));
    const laterReplies = later.filter((m) => m.role === 'assistant').map((m) => m.text);
    if (!redirected) state.nextSteps = planned.followups!.nextSteps.filter((step) => !reportedDone(step, laterReplies));
  }
  if (state.midTurn && state.lastPrompt) state.nextSteps.unshift(`Unanswered request: ${oneLine(state.lastPrompt, 300)}`);
  const promptFollowups = lastUser >= 0 ? extractFollowups(messages[lastUser]!.text) : null;
  if (promptFollowups) state.nextSteps.push(...promptFollowups.nextSteps);

  // Open questions stand until the person speaks again: those of the final reply, or of the
  // last prompt when it went unanswered.
  const finalReply = lastAssistant >= 0 && lastAssistant > lastUser ? replies[lastAssistant]!.followups : null;
  if (finalReply) state.openQuestions = finalReply.openQuestions;
  else if (state.midTurn && promptFollowups) state.openQuestions = promptFollowups.openQuestions;

  const decisions: string[] = [];
  for (const reply of [...replies].reverse()) decisions.push(...(reply.followups?.decisions ?? []));
  state.decisions = unique(decisions).slice(0, MAX_DECISIONS);
  state.nextSteps = unique(state.nextSteps).slice(0, MAX_STEPS);
  state.openQuestions = unique(state.openQuestions).slice(0, MAX_QUESTIONS);
  return state;
}

/** "Actually, forget X", "instead", "scrap that", "change of plan": the earlier plan is off. */
function redirects(prompt: string): boolean {
  return /\b(?:instead|forget (?:it|that|about)|scrap (?:that|it|this)|never ?mind|change of plans?|different approach|don'?t (?:do|bother)|stop (?:doing|working on)|drop (?:that|it|the)|abandon|actually,? (?:let'?s|we|don'?t|use|go))\b/i.test(prompt);
}

/** A later reply that says it did the step ("Added the migration") in the step's own words. */
function reportedDone(step: string, laterReplies: string[]): boolean {
  if (laterReplies.length === 0) return false;
  const words = contentWords(step);
  if (words.length === 0) return false;
  const later = laterReplies.join('\n');
  if (!/\b(?:done|added|implemented|fixed|wrote|created|finished|completed|updated|migrated|removed|renamed|ran|passes|passing|merged|deployed)\b/i.test(later)) return false;
  const laterWords = new Set(contentWords(later));
  const hits = words.filter((w) => laterWords.has(w)).length;
  return hits / words.length >= 0.6;
}

const STOP_WORDS = new Set(['that', 'this', 'with', 'from', 'then', 'into', 'also', 'before', 'after', 'should', 'still', 'need', 'needs', 'next', 'step', 'some', 'more', 'them', 'they', 'will', 'have', 'make', 'sure']);

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9_.-]{3,}/g) ?? []).map((w) => w.replace(/[.-]+$/, '')).filter((w) => w.length >= 4 && !STOP_WORDS.has(w)).map(stem);
}

function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s)$/, '').replace(/e$/, '');
}

function lastIndex(messages: Message[], role: Message['role']): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === role) return i;
  return -1;
}

function unique(items: string[]): string[] {
  return [...new Map(items.map((i) => [i.toLowerCase().replace(/[.!]$/, ''), i])).values()];
}

export function oneLine(text: string, max: number): string {
  const single = text.replace(/\s+/g, ' ').trim();
  if (single.length <= max) return single;
  const cut = single.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
