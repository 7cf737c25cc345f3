import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { sessionIdOf, sessionPath, sessionTranscriptPage, type LocomoConversation } from './dataset.js';
import { callJson } from './mcp-stdio.js';
import { firstEvidenceSessionRank, type QuestionResult } from './score.js';

/**
 * The side-by-side at session level, the granularity peers publish (see session-level.ts): each
 * session is one transcript, an entity for the peer and a page for ai-memory, and a question is
 * found at k when a session holding one of its evidence turns is among the first k.
 */
export const peerSessionName = (n: number) => `Session ${n}`;

export async function loadPeerSessions(client: Client, conversation: LocomoConversation): Promise<void> {
  const entities = conversation.sessions.map((session) => {
    const page = sessionTranscriptPage(conversation, session);
    return { name: peerSessionName(session.number), entityType: 'session', observations: [page.title, ...page.body.split('\n').filter((line) => line.trim() !== '')] };
  });
  await callJson(client, 'create_entities', { entities });
}

export async function loadOurSessions(client: Client, conversation: LocomoConversation, project: string): Promise<void> {
  for (const session of conversation.sessions) {
    await callJson(client, 'memory_write_page', { workspace: 'default', project, path: sessionPath(session), kind: 'session', ...sessionTranscriptPage(conversation, session) });
  }
}

/** `Session 12` (peer entity) or `sessions/session-12.md` (our page) -> `D12`. */
export function sessionIdOfName(name: string): string | null {
  const entity = /^Session (\d+)$/.exec(name);
  return entity ? `D${entity[1]}` : sessionIdOf(name);
}

export async function timedSessionQuestion(question: LocomoConversation['questions'][number], run: () => Promise<Array<string | null>>): Promise<QuestionResult> {
  const t0 = performance.now();
  const ids = await run();
  const ms = performance.now() - t0;
  return { category: question.category, rank: firstEvidenceSessionRank(question, ids.slice(0, 10)), ms };
}
