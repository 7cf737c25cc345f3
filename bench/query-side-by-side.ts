import { silentLogger } from '../lib/core/logger.js';
import { buildQueries } from './queries.js';
import { median, percentile, round } from './stats.js';

/**
 * `node --import tsx bench/query-side-by-side.ts <other checkout> <data dir> <copy of it> [--pages N] [--count Q] [--runs R] [--scoped] [--fresh]`:
 * the search service of another checkout (the code before a change) and of this one, loaded in
 * one process on two copies of the same indexed data dir, each query run alternately R times;
 * each side's time for a query is its fastest run, so load from other work on a shared machine
 * moves both sides alike. Prints p50/p95/total of both and whether every response is identical.
 * `--fresh`: Q x R different queries, each asked once by each side (which side goes first
 * alternates): what a search keeps between queries (phrase counts, compiled patterns) then
 * meets every query as new, as a server's users' questions mostly are; repeated runs hide it.
 */
const [otherRoot, dataDir, copyDir] = process.argv.slice(2);
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const pages = option('--pages', 10_000);
const fresh = args.includes('--fresh');
const runs = option('--runs', 5);
const queries = buildQueries(option('--count', 200) * (fresh ? runs : 1), pages);
// `--scoped`: within one project with the cross-project pages beside, as memory_query asks from inside a project.
const scoped = args.includes('--scoped');

type Search = (q: string) => Promise<unknown>;
async function load(root: string, dir: string): Promise<Search> {
  const { openWikiStore } = (await import(`${root}/lib/store/wiki-store.ts`)) as typeof import('../lib/store/wiki-store.js');
  const { MemoryIndex } = (await import(`${root}/lib/index/memory-index.ts`)) as typeof import('../lib/index/memory-index.js');
  const { createSearchService } = (await import(`${root}/lib/services/search.ts`)) as typeof import('../lib/services/search.js');
  const store = await openWikiStore(dir);
  const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: store.layout.index, logger: silentLogger, persistDelayMs: 600_000 });
  const search = createSearchService({ store, index, logger: silentLogger, version: 'bench' });
  const scope = { workspace: 'default', project: 'project-0' } as never;
  return (q) => search.search({ q, scopes: scoped ? [scope] : 'all', limit: 10, asOf: new Date('2026-01-01T00:00:00Z'), ...(scoped ? { withGlobalScope: true } : {}) });
}

const sides = { before: await load(otherRoot!, copyDir!), after: await load(new URL('..', import.meta.url).pathname.replace(/\/$/, ''), dataDir!) };
const best = { before: queries.map(() => Infinity), after: queries.map(() => Infinity) };
let identical = true;
for (let run = 0; run < (fresh ? 1 : runs); run += 1) {
  for (const [i, q] of queries.entries()) {
    const answers: string[] = [];
    for (const side of (fresh ? i : run) % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const)) {
      const started = performance.now();
      const answer = await sides[side](q);
      best[side][i] = Math.min(best[side][i]!, performance.now() - started);
      if (run === 0) answers.push(JSON.stringify(answer));
    }
    if (run === 0 && answers[0] !== answers[1]) identical = false;
  }
}
const figures = (times: number[]) => ({ p50_ms: round(median(times), 2), p95_ms: round(percentile(times, 95), 2), total_ms: round(times.reduce((a, b) => a + b, 0), 0) });
process.stdout.write(`${JSON.stringify({ pages, queries: queries.length, runs, before: figures(best.before), after: figures(best.after), identical })}\n`);
process.exit(0);
