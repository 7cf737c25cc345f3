import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverConfigDefaults } from '../lib/config/config.js';
import { silentLogger } from '../lib/core/logger.js';
import { startServer } from '../lib/server/main.js';
import { diaIdOf, loadLocomo, locomoPath } from './locomo/dataset.js';
import { ingestConversation, locomoScope } from './locomo/ingest.js';
import { firstEvidenceRank, recallTable, summarize, type QuestionResult } from './locomo/score.js';
import { sessionLevelDoc, sessionLevelRecall } from './locomo/session-level.js';
import { argValue, log, machine, ROOT, saveResults, updateDocBlock } from './report.js';
import { round } from './stats.js';

/**
 * `npm run bench:locomo`: retrieval quality on LoCoMo (SPEC section 12). Every conversation is
 * its own project, every dialogue turn a page; each category 1-4 question goes to the search
 * service `memory_query` uses, scoped to its conversation, and counts as found at k when one
 * of its evidence turns is among the first k hits. No LLM, no embeddings.
 *
 *   npm run bench:locomo                       # all 10 conversations, results into docs
 *   npm run bench:locomo -- --keep /tmp/loco   # reuse (or create) a loaded data dir
 *   npm run bench:locomo -- --no-doc           # print only
 */
const args = process.argv.slice(2);
const keep = argValue(args, '--keep');
const limitConversations = Number(argValue(args, '--conversations') ?? 0) || undefined;

async function main(): Promise<void> {
  const conversations = loadLocomo(locomoPath(ROOT, process.env)).slice(0, limitConversations);
  const dataDir = keep ?? (await mkdtemp(join(tmpdir(), 'aim-locomo-')));
  const loaded = keep !== undefined && existsSync(join(dataDir, 'wiki/.git'));
  const server = await startServer(
    { ...serverConfigDefaults(dataDir), port: 0, watch: false, reconcileIntervalSec: 0, persistDelayMs: 1000 },
    { logger: silentLogger, version: 'bench' },
  );
  try {
    const started = performance.now();
    let pages = 0;
    if (!loaded) {
      for (const conversation of conversations) {
        pages += await ingestConversation(server.deps, conversation);
        log(`loaded ${conversation.id} (${pages} pages so far)`);
      }
    }
    const ingestMs = performance.now() - started;
    const results: QuestionResult[] = [];
    const misses: Array<{ conversation: string; question: string; evidence: string[]; rank: number | null; top: string[] }> = [];
    for (const conversation of conversations) {
      const scope = locomoScope(conversation);
      for (const question of conversation.questions) {
        const t0 = performance.now();
        const response = await server.services.search.search({ q: question.question, scopes: [scope], limit: 10 });
        const ms = performance.now() - t0;
        const ids = response.hits.map((h) => diaIdOf(h.path));
        const rank = firstEvidenceRank(question, ids);
        results.push({ category: question.category, rank, ms });
        if (rank === null || rank > 5) misses.push({ conversation: conversation.id, question: question.question, evidence: question.evidence, rank, top: ids.map(String) });
      }
    }
    const summary = summarize(results);
    log('session level: one transcript page per session');
    const sessionLevel = await sessionLevelRecall(server, conversations);
    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      conversations: conversations.length,
      turns: conversations.reduce((n, c) => n + c.sessions.reduce((m, s) => m + s.turns.length, 0), 0),
      questions: results.length,
      pages_written: pages,
      ingest_ms: loaded ? null : round(ingestMs, 0),
      ...summary,
      session_level: sessionLevel,
    };
    if (args.includes('--misses')) process.stderr.write(`${misses.map((m) => JSON.stringify(m)).join('\n')}\n`);
    if (!args.includes('--no-doc')) {
      await saveResults('locomo', report);
      await updateDocBlock('locomo', locomoDoc(report));
      await updateDocBlock('locomo-sessions', sessionLevelDoc(sessionLevel));
    }
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await server.close();
    if (!keep) await rm(dataDir, { recursive: true, force: true });
  }
}

function locomoDoc(r: { date: string; machine: ReturnType<typeof machine>; conversations: number; turns: number; questions: number; ingest_ms: number | null; latency_p50_ms: number; latency_p95_ms: number } & ReturnType<typeof summarize>): string {
  const met = (ok: boolean) => (ok ? 'yes' : '**no**');
  return [
    `Measured ${r.date.slice(0, 10)}, ${r.machine.cpus} cores (${r.machine.cpu}), Node ${r.machine.node}: ${r.conversations} conversations, ${r.turns} turns (one page each), ${r.questions} questions of categories 1-4; search service of \`memory_query\` scoped to the conversation, no LLM, no embeddings${r.ingest_ms === null ? '' : `; loading took ${round(r.ingest_ms / 1000, 1)} s`}.`,
    '',
    ...recallTable([...r.by_category, r.overall]),
    '',
    `Query latency p50 ${r.latency_p50_ms} ms, p95 ${r.latency_p95_ms} ms. Target recall@5 >= 0.80: ${met(r.overall.recall.r5 >= 0.8)}; recall@10 >= 0.90: ${met(r.overall.recall.r10 >= 0.9)}.`,
  ].join('\n');
}

await main();
