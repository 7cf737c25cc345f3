import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runCaptureBench, type CaptureResults } from './capture.js';
import { ensureCorpusRepo } from './corpus.js';
import { buildQueries, grepBaseline } from './queries.js';
import { mb, median, round } from './stats.js';
import { runWebBench } from './web.js';

/**
 * `npm run bench`: the SPEC section 12 figures on a generated 10k-page wiki, each phase in its
 * own process, with the baselines (native FTS5 through better-sqlite3, `rg -l`, `grep -rl`)
 * measured in the same run. Results go to bench/results/ and docs/performance.md.
 *
 *   npm run bench                  # everything, on 10,000 pages
 *   npm run bench -- --pages 2000  # a smaller corpus for a quick look
 *   npm run bench -- --only capture   # one group: core | capture | web
 */
const ROOT = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const PAGES = Number(args[args.indexOf('--pages') + 1] ?? 0) || 10_000;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : 'all';
const CACHE = join(ROOT, 'bench/.corpus');
const TEMPLATE = join(CACHE, `template-${PAGES}`);
const WORK = join(CACHE, `work-${PAGES}`);

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function ensureTemplate(): Promise<void> {
  await ensureCorpusRepo(TEMPLATE, PAGES, log, (done) => log(`  ${done}/${PAGES} pages written`));
}

function runPhase(phase: string, input: Record<string, unknown>): Record<string, number | string | boolean> {
  log(`phase ${phase}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/phases.ts'), phase, JSON.stringify(input)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  if (result.status !== 0) throw new Error(`phase ${phase} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, number | string | boolean>;
}

/**
 * Resident memory of the real server: `bin/ai-memory serve` (compiled, watcher on) on the
 * warm 10k wiki, after 200 searches over HTTP, read from /proc.
 */
async function serverMemory(dataDir: string, queries: string[]): Promise<{ rss: number; peak: number }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/ai-memory'), 'serve', '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    for (const q of queries) await (await fetch(`${url}/api/v1/search?q=${encodeURIComponent(q)}`)).text();
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function ensureNative(): Promise<boolean> {
  const dir = join(ROOT, 'bench/.native');
  if (existsSync(join(dir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))) return true;
  log('installing better-sqlite3@12 into bench/.native for the native baseline (compiles once, about a minute)');
  await mkdir(dir, { recursive: true });
  const result = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', dir, 'better-sqlite3@^12'], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (result.status !== 0) log(`could not install better-sqlite3: ${result.stderr.split('\n').slice(-3).join(' ')}`);
  return result.status === 0;
}

async function main(): Promise<void> {
  if (ONLY === 'all' || ONLY === 'core') await runCore();
  if (ONLY === 'all' || ONLY === 'capture') await runCapture();
  if (ONLY === 'all' || ONLY === 'web') await runWeb();
}

/** /web render times on a copy of the generated wiki (SPEC: a page renders in < 50 ms at 10k pages). */
async function runWeb(): Promise<void> {
  await ensureTemplate();
  const dir = join(CACHE, `web-${PAGES}`);
  await rm(dir, { recursive: true, force: true });
  execFileSync('cp', ['-a', TEMPLATE, dir]);
  const web = await runWebBench(dir, log);
  const results = { date: new Date().toISOString(), machine: machine(), ...web };
  await saveResults('web', results);
  const pass = (ok: boolean) => (ok ? 'yes' : '**no**');
  await updateDocBlock('web', [
    `Measured ${results.date.slice(0, 10)} on ${web.web_pages} generated pages, ${results.machine.cpus} cores (${results.machine.cpu}), Node ${results.machine.node}; the real server, GET over loopback (HTTP included).`,
    '',
    '| figure | measured | target | met |',
    '|---|---|---|---|',
    `| \`/web\` page, first view (markdown rendered, sanitized, tree, backlinks, history panel) | p50 ${web.web_page_p50_ms} ms, p95 ${web.web_page_p95_ms} ms over 200 pages | < 50 ms | ${pass(web.web_page_p50_ms < 50 && web.web_page_p95_ms < 50)} |`,
    `| \`/web\` page, viewed again (rendered markdown and history line counts kept) | p50 ${web.web_page_repeat_p50_ms} ms, p95 ${web.web_page_repeat_p95_ms} ms over the same 200 pages | < 50 ms | ${pass(web.web_page_repeat_p50_ms < 50 && web.web_page_repeat_p95_ms < 50)} |`,
    `| \`/web\` project page (folder tree of ${web.web_project_pages} pages) | p50 ${web.web_project_p50_ms} ms | | |`,
    `| \`/web/\` home, search results, history | home p50 ${web.web_home_p50_ms} ms, search p50 ${web.web_search_p50_ms} ms, history p50 ${web.web_history_p50_ms} ms | | |`,
  ].join('\n'));
  await rm(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

async function runCapture(): Promise<void> {
  const results = { date: new Date().toISOString(), machine: machine(), ...(await runCaptureBench(log)) };
  await saveResults('capture', results);
  await updateDocBlock('capture', captureTable(results));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

function captureTable(r: CaptureResults & { date: string; machine: Record<string, unknown> }): string {
  const pass = (ok: boolean) => (ok ? 'yes' : '**no**');
  const rows = [
    ['hook ingest `POST /hook`, durable before the answer', `server p50 ${r.ingest_p50_ms} ms, p99 ${r.ingest_p99_ms} ms (max ${r.ingest_max_ms} ms); seen by the client on the same 2 cores p50 ${r.ingest_client_p50_ms} ms, p99 ${r.ingest_client_p99_ms} ms; ${r.ingest_acked}/${r.ingest_events} acknowledged at ${r.ingest_rate_per_s} events/s, all found on disk, ${r.ingest_rejected_429} refused with 429; the disk alone (append + fdatasync, same rate) p50 ${r.disk_sync_p50_ms} ms, p99 ${r.disk_sync_p99_ms} ms`, 'p99 <= 10 ms at 500 events/s; 0 lost', pass(r.ingest_p99_ms <= 10 && r.ingest_on_disk >= r.ingest_acked)],
    ['`ai-memory hook` process, start to exit', `median ${r.hook_process_median_ms} ms, p90 ${r.hook_process_p90_ms} ms (a bare \`node -e ''\` takes ${r.node_baseline_median_ms} ms here)`, 'median <= 80 ms', pass(r.hook_process_median_ms <= 80)],
  ];
  return [
    `Measured ${r.date.slice(0, 10)}, ${r.machine.cpus} cores (${r.machine.cpu}), Node ${r.machine.node}; the real server process (\`--no-watch\`) on a temp data dir.`,
    '',
    '| figure | measured | target | met |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function machine() {
  return { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memory_gb: round(totalmem() / 2 ** 30, 0), node: process.version };
}

async function saveResults(name: string, results: { date: string }): Promise<void> {
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  const stamp = results.date.replace(/[:.]/g, '-');
  await writeFile(join(ROOT, `bench/results/${name}-${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(ROOT, `bench/results/${name}-latest.json`), `${JSON.stringify(results, null, 2)}\n`);
}

async function updateDocBlock(name: string, table: string): Promise<void> {
  const path = join(ROOT, 'docs/performance.md');
  const doc = existsSync(path) ? await readFile(path, 'utf8') : '';
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${table}\n${end}`;
  const next = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${doc}\n${block}\n`;
  await writeFile(path, next);
}

async function runCore(): Promise<void> {
  await ensureTemplate();
  log(`copying the template to ${WORK}`);
  await rm(WORK, { recursive: true, force: true });
  execFileSync('cp', ['-a', TEMPLATE, WORK]);
  const queries = buildQueries(200, PAGES);

  const cold = runPhase('cold', { dataDir: WORK });
  // Query latency moves by about 20% from one process to the next on a shared 2-core machine
  // (JIT and heap layout): three warm processes, and the run with the median p50 is reported.
  const warmRuns = [1, 2, 3].map(() => runPhase('warm', { dataDir: WORK, queries, rounds: 3 }));
  const warm = [...warmRuns].sort((a, b) => Number(a.query_p50_ms) - Number(b.query_p50_ms))[1]!;
  const native = (await ensureNative()) ? runPhase('native', { dataDir: WORK }) : null;
  const rg = grepBaseline('rg', queries.slice(0, 40), join(WORK, 'wiki'));
  const grep = grepBaseline('grep', queries.slice(0, 20), join(WORK, 'wiki'));
  log('phase serve (resident memory of the real server)');
  const memory = await serverMemory(WORK, queries);
  const server = runPhase('server', { dataDir: WORK, rounds: 40 });

  const nativeMs = native ? Number(native.native_cold_ms) : null;
  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    pages: PAGES,
    cold_start_ms: round(Number(cold.cold_ms), 0),
    native_cold_start_ms: nativeMs === null ? null : round(nativeMs, 0),
    cold_vs_native: nativeMs === null ? null : round(Number(cold.cold_ms) / nativeMs, 2),
    warm_start_ms: round(Number(warm.warm_ms), 0),
    warm_start_kind: warm.start,
    query_p50_ms: round(Number(warm.query_p50_ms), 2),
    query_p95_ms: round(Number(warm.query_p95_ms), 2),
    query_p50_runs_ms: warmRuns.map((run) => round(Number(run.query_p50_ms), 2)),
    queries_run: warm.queries,
    queries_with_hits: warm.queries_with_hits,
    rg_l_median_ms: rg === null ? null : round(rg, 1),
    grep_rl_median_ms: grep === null ? null : round(grep, 1),
    query_p50_vs_rg: rg === null ? null : round(Number(warm.query_p50_ms) / rg, 3),
    write_p50_ms: round(Number(server.write_p50_ms), 1),
    write_p95_ms: round(Number(server.write_p95_ms), 1),
    edit_to_search_p50_ms: round(Number(server.edit_to_search_p50_ms), 1),
    edit_to_search_p95_ms: round(Number(server.edit_to_search_p95_ms), 1),
    burst_500_ms: round(Number(server.burst_500_ms), 0),
    rss_serving_mb: mb(memory.rss),
    rss_serving_peak_mb: mb(memory.peak),
    rss_index_only_mb: mb(Number(warm.rss_serving)),
    rss_after_cold_mb: mb(Number(cold.rss_after_cold)),
    rss_after_writes_and_burst_mb: mb(Number(server.rss_server)),
  };
  await saveResults('core', results);
  await updateDocBlock('core', coreTable(results));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

type Results = Record<string, unknown> & { machine: Record<string, unknown> };

function coreTable(r: Results): string {
  const pass = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'yes' : '**no**');
  const num = (key: string) => (r[key] === null ? null : Number(r[key]));
  const rows = [
    ['cold start: scan + parse + index', `${r.cold_start_ms} ms (native FTS5 ${r.native_cold_start_ms ?? 'n/a'} ms, ratio ${r.cold_vs_native ?? 'n/a'})`, '<= 6 s and <= 2.5x native', pass(num('cold_start_ms')! <= 6000 && (num('cold_vs_native') === null || num('cold_vs_native')! <= 2.5))],
    ['warm start with a valid persisted index', `${r.warm_start_ms} ms (${r.warm_start_kind})`, '<= 1 s', pass(num('warm_start_ms')! <= 1000)],
    ['`memory_query` latency', `p50 ${r.query_p50_ms} ms, p95 ${r.query_p95_ms} ms, median of 3 processes (p50 ${(r.query_p50_runs_ms as number[]).join(' / ')} ms) (rg -l ${r.rg_l_median_ms ?? 'n/a'} ms, grep -rl ${r.grep_rl_median_ms ?? 'n/a'} ms)`, 'p50 <= 5 ms, p95 <= 30 ms, faster than rg -l', pass(num('query_p50_ms')! <= 5 && num('query_p95_ms')! <= 30 && (num('rg_l_median_ms') === null || num('query_p50_ms')! < num('rg_l_median_ms')!))],
    ['page write (validate, write, index, commit)', `p50 ${r.write_p50_ms} ms, p95 ${r.write_p95_ms} ms`, 'p50 <= 80 ms', pass(num('write_p50_ms')! <= 80)],
    ['external edit (atomic rename) to searchable', `p50 ${r.edit_to_search_p50_ms} ms, p95 ${r.edit_to_search_p95_ms} ms`, 'p95 <= 300 ms', pass(num('edit_to_search_p95_ms')! <= 300)],
    ['500-file rsync burst fully searchable', `${r.burst_500_ms} ms`, '<= 3 s', pass(num('burst_500_ms')! <= 3000)],
    ['resident memory serving', `${r.rss_serving_mb} MB: \`ai-memory serve\` with its watcher, warm, after 200 searches (peak ${r.rss_serving_peak_mb} MB during start; ${r.rss_after_writes_and_burst_mb} MB after 40 writes and a 500-page burst; ${r.rss_after_cold_mb} MB right after a cold rebuild)`, '<= 400 MB', pass(num('rss_serving_mb')! <= 400)],
  ];
  return [
    `Measured ${String(r.date).slice(0, 10)} on ${r.pages} generated pages, ${r.machine.cpus} cores (${r.machine.cpu}), Node ${r.machine.node}. Baselines were measured in the same run.`,
    '',
    '| figure | measured | target | met |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

await main();
