import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { buildQueries } from './queries.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { median, percentile, round } from './stats.js';

/**
 * `node --import tsx bench/query-ab-http.ts <data dir> <checkout A> <checkout B> [--pages N] [--count Q] [--rounds R] [--first Q] [--first-after MS]`:
 * bench:scale's warm half for two compiled checkouts on the same indexed data dir, taking turns
 * (A B, then B A, ...): each start is timed until the server listens, then the first search,
 * then Q questions over HTTP, each asked once (as bench:scale asks them; `--count 0`: starts only). Prints each round and
 * the medians of each side, with the load average, and whether every answer of A equals B's
 * byte for byte. The data dir must already hold an index (a warm start), or the first start
 * builds one.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const [dataDir, rootA, rootB] = args;
const pages = option('--pages', 50_000);
const rounds = option('--rounds', 3);
// The first search after each start is a further bench question (all of its words common in the corpus).
const queries = buildQueries(option('--count', 500) + 1, pages);
// `--first "question"` asks that instead; `--first-after MS` waits that long after listening
// (an agent's first question seldom comes the moment a server listens).
const first = args.includes('--first') ? (queries.pop(), args[args.indexOf('--first') + 1]!) : queries.pop()!;
const firstAfter = option('--first-after', 0);

interface Run {
  listenMs: number;
  firstMs: number;
  p50: number;
  p95: number;
  /** Resident memory (MB) after the questions, and the process's peak. */
  rssMb: number;
  /** The same, 2 s after the last question. */
  rssQuietMb: number;
  peakMb: number;
  answers: string[];
}

const statusMb = (pid: number | undefined, field: 'VmRSS' | 'VmHWM') =>
  Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

async function start(root: string): Promise<ServerProcess & { ms: number }> {
  const t0 = performance.now();
  const server = await startServerProcess(dataDir!, [], root);
  return { ...server, ms: performance.now() - t0 };
}

async function ask(url: string, q: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/search?q=${encodeURIComponent(q)}&limit=10`);
  return response.text();
}

async function run(root: string): Promise<Run> {
  const server = await start(root);
  try {
    if (firstAfter > 0) await new Promise((done) => setTimeout(done, firstAfter));
    const t0 = performance.now();
    await ask(server.url, first);
    const firstMs = performance.now() - t0;
    const times: number[] = [];
    const answers: string[] = [];
    for (const q of queries) {
      const started = performance.now();
      answers.push(await ask(server.url, q));
      times.push(performance.now() - started);
    }
    const rssMb = statusMb(server.child.pid, 'VmRSS');
    await new Promise((done) => setTimeout(done, 2000));
    const [rssQuietMb, peakMb] = [statusMb(server.child.pid, 'VmRSS'), statusMb(server.child.pid, 'VmHWM')];
    return { listenMs: server.ms, firstMs, p50: times.length > 0 ? median(times) : 0, p95: times.length > 0 ? percentile(times, 95) : 0, rssMb, rssQuietMb, peakMb, answers };
  } finally {
    await server.stop();
  }
}

const sides: Record<'A' | 'B', Run[]> = { A: [], B: [] };
let identical = true;
for (let r = 0; r < rounds; r += 1) {
  for (const side of r % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
    const load = loadavg()[0]!.toFixed(2);
    const result = await run(side === 'A' ? rootA! : rootB!);
    sides[side].push(result);
    process.stdout.write(`round ${r} ${side}: listen ${round(result.listenMs, 0)} ms, first search ${round(result.firstMs, 1)} ms, p50 ${round(result.p50, 2)} p95 ${round(result.p95, 2)} ms, RSS ${result.rssMb} MB (${result.rssQuietMb} MB 2 s later), peak ${result.peakMb} MB (load ${load})\n`);
  }
  const [a, b] = [sides.A.at(-1)!, sides.B.at(-1)!];
  if (a.answers.some((answer, i) => answer !== b.answers[i])) identical = false;
}
const summary = (runs: Run[]) => ({
  listen_ms: round(median(runs.map((x) => x.listenMs)), 0),
  first_search_ms: round(median(runs.map((x) => x.firstMs)), 1),
  p50_ms: round(median(runs.map((x) => x.p50)), 2),
  p95_ms: round(median(runs.map((x) => x.p95)), 2),
  rss_mb: median(runs.map((x) => x.rssMb)),
  rss_quiet_mb: median(runs.map((x) => x.rssQuietMb)),
  peak_mb: median(runs.map((x) => x.peakMb)),
});
process.stdout.write(`${JSON.stringify({ pages, queries: queries.length, rounds, A: summary(sides.A), B: summary(sides.B), identical, load: loadavg().map((l) => l.toFixed(2)) })}\n`);
