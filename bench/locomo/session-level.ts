import type { RunningServer } from '../../lib/server/main.js';
import type { Services } from '../../lib/services/services.js';
import { sessionIdOf, type LocomoConversation } from './dataset.js';
import { ingestSessionTranscripts, locomoSessionScope } from './ingest.js';
import { firstEvidenceSessionRank, KS, recallTable, summarize, type QuestionResult } from './score.js';
import { log } from '../report.js';
import { round } from '../stats.js';

/**
 * Recall at the granularity peers publish for LoCoMo (and that SPEC section 12's reference
 * figures come from): each session is one transcript page, and a question counts as found at k
 * when a session holding one of its evidence turns is among the first k hits. A conversation has
 * 19-32 sessions, so this is far easier than finding the turn; `chance` is the recall a random
 * order of the sessions would get, to keep that in view.
 */
export async function sessionLevelRecall({ services, deps }: RunningServer, conversations: LocomoConversation[]) {
  const results: QuestionResult[] = [];
  const chance = Object.fromEntries(KS.map((k) => [`r${k}`, 0])) as Record<`r${(typeof KS)[number]}`, number>;
  for (const conversation of conversations) {
    const scope = locomoSessionScope(conversation);
    if (!hasProject(services, scope)) await ingestSessionTranscripts(deps, conversation);
    for (const question of conversation.questions) {
      const t0 = performance.now();
      const response = await services.search.search({ q: question.question, scopes: [scope], limit: 10 });
      const ms = performance.now() - t0;
      results.push({ category: question.category, rank: firstEvidenceSessionRank(question, response.hits.map((hit) => sessionIdOf(hit.path))), ms });
      const evidenceSessions = new Set(question.evidence.map((id) => id.split(':')[0])).size;
      for (const k of KS) chance[`r${k}`] += randomOrderRecall(conversation.sessions.length, evidenceSessions, k);
    }
    log(`session level: ${conversation.id} done`);
  }
  for (const k of KS) chance[`r${k}`] = round(chance[`r${k}`] / Math.max(1, results.length), 3);
  return { sessions: conversations.reduce((n, c) => n + c.sessions.length, 0), ...summarize(results), chance };
}

function hasProject(services: Services, scope: ReturnType<typeof locomoSessionScope>): boolean {
  try {
    services.scopes.existing(scope, 'api');
    return true;
  } catch {
    return false;
  }
}

/** The chance that k of n sessions drawn at random include one of the `relevant` ones. */
export function randomOrderRecall(n: number, relevant: number, k: number): number {
  let missAll = 1;
  for (let i = 0; i < Math.min(k, n); i++) missAll *= Math.max(0, n - relevant - i) / (n - i);
  return 1 - missAll;
}

export function sessionLevelDoc(r: Awaited<ReturnType<typeof sessionLevelRecall>>): string {
  const met = (ok: boolean) => (ok ? 'yes' : '**no**');
  return [
    `The same ${r.overall.questions} questions over the same conversations loaded as ${r.sessions} transcript pages, one per session (one list item per turn with its speaker), as peers publish it; found at k when a session holding an evidence turn is among the first k hits. Same search service, no LLM, no embeddings.`,
    '',
    ...recallTable([...r.by_category, r.overall]),
    `| random order of the sessions (chance) | ${r.overall.questions} | ${r.chance.r1.toFixed(3)} | ${r.chance.r5.toFixed(3)} | ${r.chance.r10.toFixed(3)} |`,
    '',
    `Query latency p50 ${r.latency_p50_ms} ms, p95 ${r.latency_p95_ms} ms. At this granularity, recall@5 >= 0.80: ${met(r.overall.recall.r5 >= 0.8)}; recall@10 >= 0.90: ${met(r.overall.recall.r10 >= 0.9)}.`,
  ].join('\n');
}
