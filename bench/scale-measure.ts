import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureCorpusRepo } from './corpus.js';
import { buildQueries, grepBaseline } from './queries.js';
import { argValue, log, ROOT } from './report.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { mb, median, percentile, round } from './stats.js';

/**
 * One size of `npm run bench:scale`, run in its own process by bench/scale.ts: a generated wiki
 * of N pages, the real `ai-memory serve` started cold (no index), queried, written to,
 * reindexed, stopped and started warm. Prints one JSON line of figures.
 */
const PAGES = Number(argValue(process.argv.slice(2), '--pages') ?? 10_000);
const CACHE = join(ROOT, 'bench/.corpus');
const TEMPLATE = join(CACHE, `scale-${PAGES}`);
const WORK = join(CACHE, `scale-work-${PAGES}`);
const QUERIES = 500;
const WRITES = 60;

async function ensureTemplate(): Promise<void> {
  await ensureCorpusRepo(TEMPLATE, PAGES, log, (done) => done % 5000 === 0 && log(`  ${done}/${PAGES} pages written`));
}

/**
 * fetch, once more when a kept-alive connection was closed by the server just as it was reused
 * (ECONNRESET; frequent on a loaded machine). Searches and identical page writes are idempotent.
 */
async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return fetch(url, init);
  }
}

async function post(url: string, body: unknown): Promise<unknown> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Sequential searches over HTTP, as an agent asks them; latency seen by the client. */
async function queryLatencies(server: ServerProcess, queries: string[]): Promise<{ p50: number; p95: number; max: number; withHits: number }> {
  const times: number[] = [];
  let withHits = 0;
  for (const q of queries) {
    const started = performance.now();
    const response = await request(`${server.url}/api/v1/search?q=${encodeURIComponent(q)}&limit=10`);
    const body = (await response.json()) as { hits?: unknown[] };
    times.push(performance.now() - started);
    if ((body.hits?.length ?? 0) > 0) withHits += 1;
  }
  return { p50: round(median(times), 2), p95: round(percentile(times, 95), 2), max: round(Math.max(...times), 1), withHits };
}

// A measurement that fails must not leave a server running.
const servers: ServerProcess[] = [];
process.on('exit', () => servers.forEach((server) => server.child.kill('SIGKILL')));

async function started(): Promise<{ server: ServerProcess; ms: number }> {
  const t0 = performance.now();
  const server = await startServerProcess(WORK);
  servers.push(server);
  return { server, ms: performance.now() - t0 };
}

/** Waits (up to 3 min) until the server's top-rows lists are in use or not coming; the wait in ms. */
async function topRowsSettled(server: ServerProcess): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < 180_000) {
    const status = (await (await request(`${server.url}/admin/status`)).json()) as { index?: { top_rows?: string } };
    if (status.index?.top_rows !== 'computing') break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return Math.round(performance.now() - t0);
}

/**
 * The same parse and a native FTS5 build (better-sqlite3, one transaction) over the same files,
 * in its own process (bench/phases.ts, as `npm run bench`): the machine's own yardstick, so
 * figures taken under different load can be compared. Null when bench/.native is not installed
 * (`npm run bench` installs it).
 */
function nativeBaseline(dataDir: string): number | null {
  if (!existsSync(join(ROOT, 'bench/.native/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))) return null;
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/phases.ts'), 'native', JSON.stringify({ dataDir })], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  if (run.status !== 0) return null;
  return Number((JSON.parse(run.stdout.trim().split('\n').pop()!) as { native_cold_ms: number }).native_cold_ms);
}

const duKb = (path: string) => Number(execFileSync('du', ['-sk', path], { encoding: 'utf8' }).split('\t')[0]);

async function main(): Promise<void> {
  await ensureTemplate();
  await rm(WORK, { recursive: true, force: true });
  execFileSync('cp', ['-a', TEMPLATE, WORK]);
  const queries = buildQueries(QUERIES, PAGES);

  log(`${PAGES}: cold start`);
  const cold = await started();
  const rssAfterCold = cold.server.rss();
  const coldQueries = await queryLatencies(cold.server, queries);
  const rssAfterColdQueries = cold.server.rss();

  log(`${PAGES}: page writes`);
  const writes: number[] = [];
  for (let i = 0; i < WRITES; i += 1) {
    const t0 = performance.now();
    await post(`${cold.server.url}/admin/write-page`, { workspace: 'default', project: 'project-0', path: `notes/scale-write-${i}.md`, body: `# Scale write ${i}\n\nwritten by bench:scale, see [[scale-write-${(i + 1) % WRITES}]].\n` });
    writes.push(performance.now() - t0);
  }

  log(`${PAGES}: reindex`);
  const t0 = performance.now();
  // As the CLI asks for it: a progress stream, whose headers come at once (a plain JSON answer
  // comes only at the end, later than fetch waits for headers on a loaded machine at 25k+).
  const stream = await request(`${cold.server.url}/admin/reindex`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' }, body: '{}' });
  const last = (await stream.text()).trim().split('\n').pop() ?? '';
  if (!last.startsWith('{"result"')) throw new Error(`reindex failed: ${last}`);
  const reindexMs = performance.now() - t0;
  const rssAfterReindex = cold.server.rss();
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(execFileSync('cat', [`/proc/${cold.server.child.pid}/status`], { encoding: 'utf8' }))?.[1] ?? 0);
  await cold.server.stop();
  log(`${PAGES}: warm start`);
  const warm = await started();
  const rssAfterWarm = warm.server.rss();
  // A restart as a user makes it, days after a build, finds the index with its top-rows lists
  // (from 20k pages: computed in a child after a build, saved for the next start); right after
  // the reindex they may still be on their way. The warm queries wait for them and say how long.
  const topRowsWaitMs = await topRowsSettled(warm.server);
  const warmQueries = await queryLatencies(warm.server, queries);
  const rssAfterWarmQueries = warm.server.rss();
  await warm.server.stop();

  log(`${PAGES}: rg -l baseline`);
  const rg = grepBaseline('rg', queries.slice(0, 40), join(WORK, 'wiki'));
  log(`${PAGES}: native FTS5 baseline`);
  const nativeMs = nativeBaseline(WORK);
  const result = {
    pages: PAGES,
    cold_start_ms: round(cold.ms, 0),
    warm_start_ms: round(warm.ms, 0),
    query_p50_ms: warmQueries.p50,
    query_p95_ms: warmQueries.p95,
    query_max_ms: warmQueries.max,
    queries_with_hits: warmQueries.withHits,
    query_after_cold_p50_ms: coldQueries.p50,
    query_after_cold_p95_ms: coldQueries.p95,
    query_after_cold_max_ms: coldQueries.max,
    write_p50_ms: round(median(writes), 1),
    write_p95_ms: round(percentile(writes, 95), 1),
    reindex_ms: round(reindexMs, 0),
    top_rows_wait_ms: topRowsWaitMs,
    rss_after_cold_start_mb: mb(rssAfterCold),
    rss_after_cold_queries_mb: mb(rssAfterColdQueries),
    rss_after_reindex_mb: mb(rssAfterReindex),
    rss_peak_cold_process_mb: mb(peakKb * 1024),
    rss_after_warm_start_mb: mb(rssAfterWarm),
    rss_after_500_queries_mb: mb(rssAfterWarmQueries),
    index_on_disk_mb: round(duKb(join(WORK, 'index')) / 1024, 1),
    wiki_on_disk_mb: round(duKb(join(WORK, 'wiki')) / 1024, 0),
    rg_l_median_ms: rg === null ? null : round(rg, 1),
    native_cold_ms: nativeMs === null ? null : round(nativeMs, 0),
    cold_vs_native: nativeMs === null ? null : round(cold.ms / nativeMs, 2),
    query_p95_vs_rg: rg === null ? null : round(warmQueries.p95 / rg, 3),
  };
  await rm(WORK, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
