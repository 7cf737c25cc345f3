import { silentLogger } from '../lib/core/logger.js';
import { MemoryIndex } from '../lib/index/memory-index.js';
import type { SqlDatabase } from '../lib/index/sql-engine.js';
import { createSearchService } from '../lib/services/search.js';
import { openWikiStore } from '../lib/store/wiki-store.js';
import { buildQueries } from './queries.js';
import { median, percentile, round } from './stats.js';

/**
 * `node --import tsx bench/query-tail.ts <data dir> [--pages N] [--count Q] [--top T] [--json file]`:
 * the slowest of the bench's all-projects questions, each asked once as a new question (a
 * warm-up pass asks Q other ones first), with the time of each stage: the page full-text
 * queries (by bm25, pruned or not), the vocabulary queries, the phrase counts, fuzzy titles,
 * link neighbours and the rest (ranking, snippets, file reads). In process, no HTTP: what
 * bench:scale's p95 is made of. Wall clock and CPU time are both printed; on a machine shared
 * with other work the CPU time is the steadier of the two.
 */
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dataDir = args[0]!;
const pages = Number(option('--pages') ?? 50_000);
const count = Number(option('--count') ?? 500);
const top = Number(option('--top') ?? 30);

const store = await openWikiStore(dataDir);
const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: store.layout.index, logger: silentLogger, persistDelayMs: 600_000 });
const search = createSearchService({ store, index, logger: silentLogger, version: 'bench' });
const db = (index as unknown as { state: { fullText: { store: { db: SqlDatabase } } } }).state.fullText.store.db;

type Stage = 'pages' | 'pruned' | 'vocab' | 'counts' | 'titles' | 'graph';
let stages: Record<Stage, number> = { pages: 0, pruned: 0, vocab: 0, counts: 0, titles: 0, graph: 0 };
const stageOf = (sql: string): Stage => {
  if (sql.includes('count(*)') || sql.includes('total_changes')) return 'counts';
  if (sql.includes('vocab_fts')) return 'vocab';
  return sql.includes('+rowid IN') ? 'pruned' : 'pages';
};
const timed = <A extends unknown[], R>(stage: (...a: A) => Stage, fn: (...a: A) => R) => (...a: A): R => {
  const started = performance.now();
  try {
    return fn(...a);
  } finally {
    stages[stage(...a)] += performance.now() - started;
  }
};
for (const method of ['all', 'get'] as const) {
  const original = db[method].bind(db) as (sql: string, params?: unknown[]) => unknown;
  (db as unknown as Record<string, unknown>)[method] = timed((sql: string) => stageOf(sql), original);
}
const target = index as unknown as Record<string, (...a: unknown[]) => unknown>;
for (const [method, stage] of [['matchTitles', 'titles'], ['neighbours', 'graph'], ['coCited', 'graph']] as const) {
  target[method] = timed(() => stage, target[method]!.bind(index));
}
// A title question asked ahead (askTitles, when the index has one): its posting and the wait for its answer.
if (typeof target.askTitles === 'function') {
  const ask = target.askTitles.bind(index) as (...a: unknown[]) => () => unknown;
  target.askTitles = timed(() => 'titles', (...a: unknown[]) => timed(() => 'titles', ask(...a)));
}

const all = buildQueries(2 * count, pages);
const queries = all.slice(0, count);
for (const q of all.slice(count)) await search.search({ q, scopes: 'all', limit: 10 });
const measured: Array<{ q: string; ms: number; cpu: number } & Record<Stage, number>> = [];
for (const q of queries) {
  stages = { pages: 0, pruned: 0, vocab: 0, counts: 0, titles: 0, graph: 0 };
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  await search.search({ q, scopes: 'all', limit: 10 });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpuStarted);
  measured.push({ q, ms, cpu: (used.user + used.system) / 1000, ...stages });
}
const times = measured.map((m) => m.ms);
const cpu = measured.map((m) => m.cpu);
process.stdout.write(`${index.pageCount} pages, ${queries.length} new questions: wall p50 ${round(median(times), 2)} p95 ${round(percentile(times, 95), 2)} ms; cpu p50 ${round(median(cpu), 2)} p95 ${round(percentile(cpu, 95), 2)} ms\n`);
const columns: Array<Stage | 'cpu' | 'ms'> = ['ms', 'cpu', 'pages', 'pruned', 'vocab', 'counts', 'titles', 'graph'];
process.stdout.write(`${columns.join('\t')}\trest\tquery\n`);
for (const m of [...measured].sort((a, b) => b.cpu - a.cpu).slice(0, top)) {
  const rest = m.ms - m.pages - m.pruned - m.vocab - m.counts - m.titles - m.graph;
  process.stdout.write(`${columns.map((c) => round(m[c], 1)).join('\t')}\t${round(rest, 1)}\t${m.q}\n`);
}
const json = option('--json');
if (json) await (await import('node:fs/promises')).writeFile(json, JSON.stringify(measured));
await index.close();
