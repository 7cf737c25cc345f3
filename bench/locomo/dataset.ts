import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * LoCoMo (snap-research, CC BY-NC 4.0) read in place from `../shared/datasets/locomo/` (or
 * AI_MEMORY_LOCOMO): the file is never copied into this repository.
 */
export interface LocomoTurn {
  speaker: string;
  dia_id: string;
  text: string;
  blip_caption?: string;
}

export interface LocomoSession {
  number: number;
  dateTime: string;
  turns: LocomoTurn[];
}

export interface LocomoQuestion {
  question: string;
  category: number;
  /** Evidence turn ids (`D<session>:<turn>`). */
  evidence: string[];
}

export interface LocomoConversation {
  id: string;
  speakers: [string, string];
  sessions: LocomoSession[];
  questions: LocomoQuestion[];
}

export const CATEGORY_NAMES: Record<number, string> = { 1: 'multi-hop', 2: 'temporal', 3: 'open-domain', 4: 'single-hop' };

export function locomoPath(root: string, env: Record<string, string | undefined>): string {
  const path = env.AI_MEMORY_LOCOMO ?? resolve(root, '../shared/datasets/locomo/locomo10.json');
  const file = existsSync(path) && !path.endsWith('.json') ? join(path, 'locomo10.json') : path;
  if (!existsSync(file)) throw new Error(`LoCoMo not found at ${file}; set AI_MEMORY_LOCOMO to locomo10.json`);
  return file;
}

type RawConversation = Record<string, unknown> & { speaker_a: string; speaker_b: string };
type RawSample = { sample_id: string; conversation: RawConversation; qa: Array<{ question: string; category: number; evidence?: unknown }> };

/** Conversations with their category 1-4 questions (category 5 has no answer in the text). */
export function loadLocomo(file: string): LocomoConversation[] {
  const samples = JSON.parse(readFileSync(file, 'utf8')) as RawSample[];
  return samples.map((sample) => {
    const conv = sample.conversation;
    const sessions: LocomoSession[] = [];
    for (const key of Object.keys(conv)) {
      const match = /^session_(\d+)$/.exec(key);
      if (!match || !Array.isArray(conv[key])) continue;
      const number = Number(match[1]);
      sessions.push({ number, dateTime: String(conv[`session_${number}_date_time`] ?? ''), turns: conv[key] as LocomoTurn[] });
    }
    sessions.sort((a, b) => a.number - b.number);
    const questions = sample.qa
      .filter((q) => q.category >= 1 && q.category <= 4)
      // A few evidence entries hold several ids in one string ("D8:6; D9:17").
      .map((q) => ({ question: q.question, category: q.category, evidence: JSON.stringify(q.evidence ?? []).match(/D\d+:\d+/g) ?? [] }))
      .filter((q) => q.evidence.length > 0);
    return { id: sample.sample_id, speakers: [conv.speaker_a, conv.speaker_b], sessions, questions };
  });
}

/** `D1:3` -> `turns/D1-3.md` (a colon is not portable in file names). */
export function turnPath(diaId: string): string {
  return `turns/${diaId.replace(':', '-')}.md`;
}

export function sessionPath(session: LocomoSession): string {
  return `sessions/session-${session.number}.md`;
}

/** The session date without the time of day: "1:56 pm on 8 May, 2023" -> "8 May 2023". */
export function sessionDate(session: LocomoSession): string {
  return session.dateTime.replace(/^.*\bon\s+/, '').replace(',', '').trim() || session.dateTime;
}

/** One small page per dialogue turn: who said it, when, what, and the image they shared. */
export function turnPage(session: LocomoSession, turn: LocomoTurn): { title: string; body: string } {
  const date = sessionDate(session);
  const lines = [`${turn.speaker} said on ${date} (${session.dateTime}):`, '', turn.text.trim() || '(no text)'];
  if (turn.blip_caption) lines.push('', `Shared an image: ${turn.blip_caption}.`);
  lines.push('', `Part of [[${sessionPath(session).replace(/\.md$/, '')}]].`);
  return { title: `${turn.speaker}, ${date} (${turn.dia_id})`, body: `${lines.join('\n')}\n` };
}

export function sessionPage(conversation: LocomoConversation, session: LocomoSession): { title: string; body: string } {
  const [a, b] = conversation.speakers;
  const lines = [`Conversation between ${a} and ${b}, ${session.dateTime}.`, '', ...session.turns.map((t) => `- [[${turnPath(t.dia_id).replace(/\.md$/, '')}]]`)];
  return { title: `Session ${session.number}, ${sessionDate(session)}`, body: `${lines.join('\n')}\n` };
}

/** The turn id of a hit path, or null for pages that are not turns. */
export function diaIdOf(path: string): string | null {
  const match = /^turns\/(D\d+)-(\d+)\.md$/.exec(path);
  return match ? `${match[1]}:${match[2]}` : null;
}

/**
 * The whole session as one page, one list item per turn with its speaker: how peers publish
 * session-level LoCoMo recall (see docs/performance.md), for a like-for-like comparison.
 */
export function sessionTranscriptPage(conversation: LocomoConversation, session: LocomoSession): { title: string; body: string } {
  const [a, b] = conversation.speakers;
  const line = (t: LocomoTurn) => `- ${t.speaker}: ${t.text.trim()}${t.blip_caption ? ` (shared an image: ${t.blip_caption})` : ''}`;
  const lines = [`Conversation between ${a} and ${b}, ${session.dateTime}.`, '', ...session.turns.map(line)];
  return { title: `Session ${session.number}, ${sessionDate(session)}`, body: `${lines.join('\n')}\n` };
}

/** `sessions/session-3.md` -> `D3`, the session part of a turn id; null for other pages. */
export function sessionIdOf(path: string): string | null {
  const match = /^sessions\/session-(\d+)\.md$/.exec(path);
  return match ? `D${match[1]}` : null;
}
