import { writeFile } from 'node:fs/promises';
import { silentLogger } from '../lib/core/logger.js';
import { MemoryIndex } from '../lib/index/memory-index.js';
import { createSearchService } from '../lib/services/search.js';
import { openWikiStore } from '../lib/store/wiki-store.js';
import { buildQueries } from './queries.js';
import { median, percentile, round } from './stats.js';

/**
 * `node --import tsx bench/query-profile.ts <data dir> [--pages N] [--rounds R] [--count Q] [--scoped] [--out hits.json]`:
 * the bench's query set against an already indexed data dir, in process (no HTTP), so a change to
 * the search path can be timed on its own and its results compared hit for hit with `--out`
 * (two runs' files must be identical). `--scoped` asks each query within one project, as
 * `memory_query` does from inside a project, instead of across every project.
 */
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dataDir = args[0]!;
const pages = Number(option('--pages') ?? 10_000);
const rounds = Number(option('--rounds') ?? 3);
const out = option('--out');
const scoped = args.includes('--scoped');
// 200 is the `npm run bench` set; `bench:scale` asks 500.
const count = Number(option('--count') ?? 200);

const store = await openWikiStore(dataDir);
const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: store.layout.index, logger: silentLogger, persistDelayMs: 600_000 });
const search = createSearchService({ store, index, logger: silentLogger, version: 'bench' });
const queries = buildQueries(count, pages);
const scope = { workspace: 'default', project: 'project-0' };
const latencies: number[] = [];
// CPU time of each query as well: on a machine shared with other work it moves less than the wall clock.
const cpu: number[] = [];
const answers: unknown[] = [];
for (let round = 0; round < rounds; round += 1) {
  for (const q of queries) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = await search.search({ q, scopes: scoped ? [scope as never] : 'all', limit: 10, asOf: new Date('2026-01-01T00:00:00Z'), ...(scoped ? { withGlobalScope: true } : {}) });
    latencies.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
    if (round === 0) answers.push(result);
  }
}
if (out) await writeFile(out, `${JSON.stringify(answers, null, 1)}\n`);
process.stdout.write(`${JSON.stringify({ pages: index.pageCount, queries: latencies.length, p50_ms: round(median(latencies), 2), p95_ms: round(percentile(latencies, 95), 2), max_ms: round(Math.max(...latencies), 1), cpu_p50_ms: round(median(cpu), 2), cpu_p95_ms: round(percentile(cpu, 95), 2) })}\n`);
await index.close();
