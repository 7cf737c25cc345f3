import { silentLogger } from '../lib/core/logger.js';
import { MemoryIndex } from '../lib/index/memory-index.js';
import { createSearchService } from '../lib/services/search.js';
import { openWikiStore } from '../lib/store/wiki-store.js';
import { median, percentile } from './stats.js';

/**
 * Development aid: the search service of this tree against another tree's (`--base DIR`, a
 * checkout with its own node_modules) on one index, alternating query by query in one process,
 * so both see the same machine load. Prints p50/p95 per tree and the queries that differ most.
 *
 *   node --import tsx bench/related-cost-ab.ts --data DIR --base /tmp/base [--rounds 10] [--queries file.json]
 */
const args = process.argv.slice(2);
const arg = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const dataDir = arg('--data')!;
const base = arg('--base')!;
const rounds = Number(arg('--rounds') ?? 10);
const { readFileSync } = await import('node:fs');
const queries: string[] = JSON.parse(readFileSync(arg('--queries')!, 'utf8'));
const store = await openWikiStore(dataDir);
const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: store.layout.index, logger: silentLogger, persistDelayMs: 600_000 });
const baseSearch = (await import(`${base}/lib/services/search.ts`)) as typeof import('../lib/services/search.js');
const deps = { store, index, logger: silentLogger, version: 'bench' } as Parameters<typeof createSearchService>[0];
const trees = { base: baseSearch.createSearchService(deps), branch: createSearchService(deps) };
const times: Record<'base' | 'branch', number[]> = { base: [], branch: [] };
const perQuery = new Map<string, Record<'base' | 'branch', number[]>>();
for (let r = 0; r < rounds; r++) {
  for (const q of queries) {
    const order = (r + queries.indexOf(q)) % 2 === 0 ? (['base', 'branch'] as const) : (['branch', 'base'] as const);
    for (const tree of order) {
      const t0 = performance.now();
      await trees[tree].search({ q, scopes: 'all', limit: 10 });
      const ms = performance.now() - t0;
      if (r === 0) continue; // the first round warms both trees' caches
      times[tree].push(ms);
      const entry = perQuery.get(q) ?? { base: [], branch: [] };
      entry[tree].push(ms);
      perQuery.set(q, entry);
    }
  }
}
const fmt = (xs: number[]) => `p50 ${median(xs).toFixed(2)} p95 ${percentile(xs, 95).toFixed(2)} ms`;
console.log(`base   ${fmt(times.base)}\nbranch ${fmt(times.branch)}`);
const diffs = [...perQuery].map(([q, t]) => ({ q, base: median(t.base), branch: median(t.branch) })).sort((a, b) => (b.branch - b.base) - (a.branch - a.base));
for (const d of diffs.slice(0, 8)) console.log(`${d.base.toFixed(2)} -> ${d.branch.toFixed(2)} ms  ${d.q}`);
await index.close?.();
process.exit(0);
