import { silentLogger } from '../lib/core/logger.js';
import { MemoryIndex } from '../lib/index/memory-index.js';
import type { SqlDatabase } from '../lib/index/sql-engine.js';
import { createSearchService } from '../lib/services/search.js';
import { openWikiStore } from '../lib/store/wiki-store.js';
import { buildQueries } from './queries.js';
import { median, percentile, round } from './stats.js';

/**
 * `node --import tsx bench/query-stages.ts <data dir> [--pages N] [--count Q] [--fresh]`: where the
 * bench's queries spend their time inside SQLite, by statement shape (the SQL text with its
 * parameters left out), and which queries are the slowest: the profile behind
 * docs/performance.md's "Query cost". In process, no HTTP; timings include the timer's own
 * overhead. The warm-up pass asks the same queries first, unless `--fresh`: then it asks Q other
 * ones, so what a search keeps from one query to the next (phrase counts, compiled patterns)
 * is measured as a new question meets it.
 */
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dataDir = args[0]!;
const pages = Number(option('--pages') ?? 10_000);
const count = Number(option('--count') ?? 200);

const store = await openWikiStore(dataDir);
const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: store.layout.index, logger: silentLogger, persistDelayMs: 600_000 });
const search = createSearchService({ store, index, logger: silentLogger, version: 'bench' });
const db = (index as unknown as { state: { fullText: { store: { db: SqlDatabase } } } }).state.fullText.store.db;

const shapes = new Map<string, { calls: number; ms: number; rows: number }>();
let perQuery = { calls: 0, ms: 0, rows: 0 };
for (const method of ['all', 'get'] as const) {
  const original = db[method].bind(db) as (sql: string, params?: unknown[]) => unknown;
  (db as unknown as Record<string, unknown>)[method] = (sql: string, params?: unknown[]) => {
    const started = performance.now();
    const result = original(sql, params);
    const ms = performance.now() - started;
    const rows = Array.isArray(result) ? result.length : 1;
    const shape = shapes.get(sql) ?? { calls: 0, ms: 0, rows: 0 };
    shapes.set(sql, { calls: shape.calls + 1, ms: shape.ms + ms, rows: shape.rows + rows });
    perQuery = { calls: perQuery.calls + 1, ms: perQuery.ms + ms, rows: perQuery.rows + rows };
    return result;
  };
}

const fresh = args.includes('--fresh');
const all = buildQueries(fresh ? 2 * count : count, pages);
const queries = all.slice(0, count);
// One warm-up pass so that first-use costs (statement preparation, page cache) are not counted.
for (const q of fresh ? all.slice(count) : queries) await search.search({ q, scopes: 'all', limit: 10 });
shapes.clear();
const measured: Array<{ q: string; ms: number; sqlMs: number; calls: number; rows: number }> = [];
for (const q of queries) {
  perQuery = { calls: 0, ms: 0, rows: 0 };
  const started = performance.now();
  await search.search({ q, scopes: 'all', limit: 10 });
  measured.push({ ...perQuery, q, ms: performance.now() - started, sqlMs: perQuery.ms });
}
const total = measured.reduce((sum, m) => sum + m.ms, 0);
const times = measured.map((m) => m.ms);
process.stdout.write(`${index.pageCount} pages, ${queries.length} queries: p50 ${round(median(times), 2)} ms, p95 ${round(percentile(times, 95), 2)} ms; SQL ${round((100 * measured.reduce((s, m) => s + m.sqlMs, 0)) / total, 1)} % of the time\n\nby statement (total ms, calls, rows):\n`);
for (const [sql, s] of [...shapes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
  process.stdout.write(`${round(s.ms, 1)} ms\t${s.calls}\t${s.rows}\t${sql.slice(0, 160)}\n`);
}
process.stdout.write('\nslowest queries (ms, SQL ms, statements, rows):\n');
for (const m of [...measured].sort((a, b) => b.ms - a.ms).slice(0, 15)) process.stdout.write(`${round(m.ms, 1)}\t${round(m.sqlMs, 1)}\t${m.calls}\t${m.rows}\t${m.q}\n`);
await index.close();
