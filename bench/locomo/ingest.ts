import { DEFAULT_WORKSPACE, parseSlug, type PagePath, type Scope } from '../../lib/core/paths.js';
import type { ServiceDeps } from '../../lib/services/deps.js';
import { writeJob } from '../../lib/services/write-job.js';
import { sessionPage, sessionPath, sessionTranscriptPage, turnPage, turnPath, type LocomoConversation } from './dataset.js';

export function locomoScope(conversation: LocomoConversation): Scope {
  return { workspace: DEFAULT_WORKSPACE, project: parseSlug(`locomo-${conversation.id}`) };
}

/**
 * Loads a conversation through the product's own write path: one write job per session that
 * writes the session page and its turn pages, indexes them and commits them (the same building
 * blocks the capture service uses when it closes a session), so the pages are in git, in the
 * index and on disk exactly as if an agent had written them.
 */
export async function ingestConversation(deps: ServiceDeps, conversation: LocomoConversation): Promise<number> {
  const scope = locomoScope(conversation);
  const now = new Date();
  let pages = 0;
  for (const session of conversation.sessions) {
    const { changed } = await writeJob(deps, { message: `Import LoCoMo ${conversation.id} session ${session.number}` }, async (tx) => {
      await tx.ensureManifest(scope, scope.project, now);
      await tx.putPage(scope, sessionPath(session) as PagePath, { ...sessionPage(conversation, session), kind: 'session' }, now);
      for (const turn of session.turns) {
        await tx.putPage(scope, turnPath(turn.dia_id) as PagePath, { ...turnPage(session, turn), kind: 'note' }, now);
      }
    });
    pages += changed.length;
  }
  return pages;
}

export function locomoSessionScope(conversation: LocomoConversation): Scope {
  return { workspace: DEFAULT_WORKSPACE, project: parseSlug(`locomo-sessions-${conversation.id}`) };
}

/** The same conversation as one transcript page per session (the granularity peers report). */
export async function ingestSessionTranscripts(deps: ServiceDeps, conversation: LocomoConversation): Promise<number> {
  const scope = locomoSessionScope(conversation);
  const now = new Date();
  const { changed } = await writeJob(deps, { message: `Import LoCoMo ${conversation.id} as session transcripts` }, async (tx) => {
    await tx.ensureManifest(scope, scope.project, now);
    for (const session of conversation.sessions) {
      await tx.putPage(scope, sessionPath(session) as PagePath, { ...sessionTranscriptPage(conversation, session), kind: 'session' }, now);
    }
  });
  return changed.length;
}
