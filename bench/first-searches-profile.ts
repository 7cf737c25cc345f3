import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { silentLogger } from '../lib/core/logger.js';
import { MemoryIndex } from '../lib/index/memory-index.js';
import { createSearchService } from '../lib/services/search.js';
import { openWikiStore } from '../lib/store/wiki-store.js';

/**
 * `node --import tsx bench/first-searches-profile.ts <data dir> <out.cpuprofile> [questions...]`:
 * a warm start in process, then the first questions asked at once, with the CPU profile of
 * those questions only (what a search right after listening spends its time on).
 */
const [dataDir, out, ...asked] = process.argv.slice(2);
const questions = asked.length > 0 ? asked : ['quajunvaka tojundorshi', 'where did we leave the lojun halshi dorgor work', 'kabri'];
const store = await openWikiStore(dataDir!);
const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: store.layout.index, logger: silentLogger, persistDelayMs: 600_000 });
const search = createSearchService({ store, index, logger: silentLogger, version: 'bench' });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
for (const q of questions) {
  const started = performance.now();
  await search.search({ q, scopes: 'all', limit: 10 });
  process.stdout.write(`${(performance.now() - started).toFixed(1)} ms\t${q}\n`);
}
const { profile } = await session.post('Profiler.stop');
writeFileSync(out!, JSON.stringify(profile));
await index.close();
