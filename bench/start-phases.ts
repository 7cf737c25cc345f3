import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildQueries } from './queries.js';
import { argValue, log, ROOT } from './report.js';
import { startServerProcess } from './server-process.js';

/**
 * Where a cold (or warm) start of the real `ai-memory serve` goes, on a copy of a bench:scale
 * corpus: the server's own log lines (ISO timestamps) placed on the clock of the spawn, the time
 * to "listening" and to the first answered search. With `--answers FILE` it also saves the
 * answers (paths and scores) of bench:scale's questions, to compare two trees' answers.
 *
 *   node --import tsx bench/start-phases.ts --pages 50000 [--warm] [--root /other/checkout]
 *     [--prof DIR] [--answers out.json] [--queries 500]
 *
 * `--prof DIR` passes `--cpu-prof` to the server (NODE_OPTIONS refuses it; the build child's node
 * flags are fixed by build-in-child.ts, so profiling it means adding the flag there for the run).
 * `--work DIR` names the data dir (default bench/.corpus/phases-work-N; a cold start copies the
 * corpus into it again, a `--warm` one reuses its index).
 */
const args = process.argv.slice(2);
const PAGES = Number(argValue(args, '--pages') ?? 50_000);
const root = argValue(args, '--root') ?? ROOT;
const TEMPLATE = join(ROOT, 'bench/.corpus', `scale-${PAGES}`);
const WORK = argValue(args, '--work') ?? join(ROOT, 'bench/.corpus', `phases-work-${PAGES}`);
const warm = args.includes('--warm');
const prof = argValue(args, '--prof');
const answersFile = argValue(args, '--answers');

if (!existsSync(TEMPLATE)) throw new Error(`${TEMPLATE} is missing: copy it from the main checkout's bench/.corpus`);
if (!warm || !existsSync(join(WORK, 'index'))) {
  await rm(WORK, { recursive: true, force: true });
  execFileSync('cp', ['-a', TEMPLATE, WORK]);
}
if (!warm) await rm(join(WORK, 'index'), { recursive: true, force: true });
await rm(join(WORK, 'logs'), { recursive: true, force: true });
const profArgs = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];

const spawnedAt = Date.now();
const t0 = performance.now();
const server = await startServerProcess(WORK, [], root, profArgs);
const listening = performance.now() - t0;
const rssListening = server.rss();
const queries = buildQueries(Number(argValue(args, '--queries') ?? 500), PAGES);
const q0 = performance.now();
const first = await (await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent(queries[0]!)}&limit=10`)).json();
const firstSearch = performance.now() - q0;
const answers: unknown[] = [first];
if (answersFile) {
  for (const q of queries.slice(1)) answers.push(await (await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent(q)}&limit=10`)).json());
  const compact = answers.map((a, i) => ({ q: queries[i], hits: ((a as { hits?: { path: string; score?: number; project?: string }[] }).hits ?? []).map((h) => [h.project, h.path, h.score]) }));
  await writeFile(answersFile, JSON.stringify(compact, null, 1));
}
const rssAfter = server.rss();
await server.stop();

const logText = await readFile(join(WORK, 'logs/server.log'), 'utf8').catch(() => '');
for (const line of logText.split('\n').filter(Boolean)) {
  const at = Date.parse(line.slice(0, 24));
  if (!Number.isNaN(at)) log(`  +${((at - spawnedAt) / 1000).toFixed(2)} s  ${line.slice(25, 200)}`);
}
log(`${warm ? 'warm' : 'cold'} ${PAGES}: listening ${(listening / 1000).toFixed(2)} s, first search ${firstSearch.toFixed(0)} ms, RSS ${(rssListening / 2 ** 20).toFixed(0)} / ${(rssAfter / 2 ** 20).toFixed(0)} MB (listening / end)`);
process.stdout.write(`${JSON.stringify({ warm, pages: PAGES, listening_ms: Math.round(listening), first_search_ms: Math.round(firstSearch), rss_listening_mb: Math.round(rssListening / 2 ** 20), rss_end_mb: Math.round(rssAfter / 2 ** 20) })}\n`);
