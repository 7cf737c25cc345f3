import { serverConfigDefaults } from '../lib/config/config.js';
import { silentLogger } from '../lib/core/logger.js';
import { startServer } from '../lib/server/main.js';
import { diaIdOf, sessionIdOf, loadLocomo, locomoPath, type LocomoConversation } from './locomo/dataset.js';
import { locomoScope, locomoSessionScope } from './locomo/ingest.js';
import { firstEvidenceRank, firstEvidenceSessionRank, summarize, type QuestionResult } from './locomo/score.js';
import { argValue, ROOT } from './report.js';

/**
 * Development aid for ranking work (not part of `npm run bench`): queries a data dir loaded by
 * `npm run bench:locomo -- --keep DIR` and prints recall for conversations 0-4 (tuning),
 * 5-9 (held out) and all, plus optionally misses at k=10 with the evidence text and top hits.
 *
 *   node --import tsx bench/locomo-tune.ts --keep /tmp/loco [--misses 50] [--limit 100] [--sessions]
 *
 * With --sessions it asks at session level instead (one transcript page per session, as
 * `bench:locomo` loads them into the same data dir).
 * With --limit above 10 it also counts how deep the first evidence turn ranks.
 */
const args = process.argv.slice(2);
const dataDir = argValue(args, '--keep');
if (!dataDir) throw new Error('--keep DIR is required (a data dir loaded by bench:locomo --keep)');
const showMisses = Number(argValue(args, '--misses') ?? 0);
const limit = Number(argValue(args, '--limit') ?? 10);
const sessions = args.includes('--sessions');
const ranks: number[] = [];

const conversations = loadLocomo(locomoPath(ROOT, process.env));
const server = await startServer(
  { ...serverConfigDefaults(dataDir), port: 0, watch: false, reconcileIntervalSec: 0, persistDelayMs: 1000 },
  { logger: silentLogger, version: 'bench' },
);
const text = new Map<string, string>();
const textOf = (c: LocomoConversation, id: string | null) => {
  if (id === null) return '(not a turn)';
  if (!text.has(`${c.id}/${id}`)) {
    for (const s of c.sessions) for (const t of s.turns) text.set(`${c.id}/${t.dia_id}`, `${t.speaker}: ${t.text}${t.blip_caption ? ` [img: ${t.blip_caption}]` : ''}`);
  }
  return text.get(`${c.id}/${id}`) ?? '?';
};
try {
  const parts: Record<string, QuestionResult[]> = { tune: [], heldout: [] };
  const misses: string[] = [];
  let warm = false;
  for (const [i, conversation] of conversations.entries()) {
    const scope = sessions ? locomoSessionScope(conversation) : locomoScope(conversation);
    for (const question of conversation.questions) {
      if (!warm) { await server.services.search.search({ q: question.question, scopes: [scope], limit: 10 }); warm = true; }
      const t0 = performance.now();
      const response = await server.services.search.search({ q: question.question, scopes: [scope], limit });
      const ms = performance.now() - t0;
      const ids = response.hits.map((h) => (sessions ? sessionIdOf(h.path) : diaIdOf(h.path)));
      const rank = sessions ? firstEvidenceSessionRank(question, ids) : firstEvidenceRank(question, ids);
      ranks.push(rank ?? 9999);
      parts[i < 5 ? 'tune' : 'heldout']!.push({ category: question.category, rank, ms });
      if (rank === null && i < 5 && misses.length < showMisses * 3) {
        misses.push([
          `## [${conversation.id} cat ${question.category}] ${question.question}`,
          ...question.evidence.map((e) => `  EVIDENCE ${e}: ${textOf(conversation, e)}`),
          ...ids.slice(0, 3).map((id, k) => `  TOP${k + 1} ${id}: ${textOf(conversation, id)}`),
        ].join('\n'));
      }
    }
  }
  const line = (name: string, r: QuestionResult[]) => {
    const s = summarize(r);
    const cats = s.by_category.map((c) => `${c.label.split(' ')[0]}:${c.recall.r5.toFixed(3)}/${c.recall.r10.toFixed(3)}`).join(' ');
    return `${name.padEnd(8)} n=${r.length} r1 ${s.overall.recall.r1.toFixed(3)} r5 ${s.overall.recall.r5.toFixed(3)} r10 ${s.overall.recall.r10.toFixed(3)}  p50 ${s.latency_p50_ms} p95 ${s.latency_p95_ms}  [${cats}]`;
  };
  if (showMisses) {
    // Every third miss, for a spread over conversations.
    process.stdout.write(`${misses.filter((_, i) => i % 3 === 0).slice(0, showMisses).join('\n')}\n\n`);
  }
  if (limit > 10) { const b = [1, 5, 10, 20, 40, 100, 400]; process.stdout.write(`rank buckets: ${b.map((k) => `<=${k}: ${ranks.filter((r) => r <= k).length}`).join(' ')} of ${ranks.length}\n`); }
  process.stdout.write(`${line('tune', parts.tune!)}\n${line('heldout', parts.heldout!)}\n${line('all', [...parts.tune!, ...parts.heldout!])}\n`);
} finally {
  await server.close();
}
