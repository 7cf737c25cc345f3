import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argValue, log, machine, ROOT, saveResults, updateDocBlock } from './report.js';
import { sampleRss, startServerProcess } from './server-process.js';
import { mb, round } from './stats.js';

/**
 * `npm run bench:load`: autocannon against the real server on loopback, for a bounded time per
 * endpoint: `POST /hook` (each answer means the event is on disk) and `GET /api/v1/search` on a
 * 500-page project. Reports throughput, latency percentiles and resident memory, and counts the
 * raw events on disk against the acknowledged ones.
 *
 *   npm run bench:load                     # 10 s per endpoint, 10 connections
 *   npm run bench:load -- --seconds 30 --connections 20
 */
const args = process.argv.slice(2);
const SECONDS = Number(argValue(args, '--seconds') ?? 10);
const CONNECTIONS = Number(argValue(args, '--connections') ?? 10);
const PAGES = 500;
const WORDS = ['postgres', 'migration', 'retry', 'webhook', 'cache', 'index', 'deploy', 'rollback', 'queue', 'schema', 'token', 'session'];

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon's CLI in its own process (asynchronously, so memory sampling keeps running). */
function cannon(url: string, extra: string[]): Promise<CannonResult> {
  const bin = join(ROOT, 'node_modules/.bin/autocannon');
  const child = spawn(bin, ['-j', '-d', String(SECONDS), '-c', String(CONNECTIONS), ...extra, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as CannonResult) : reject(new Error(`autocannon failed: ${err}`)))),
  );
}

function rawEventCount(dataDir: string): number {
  const dir = join(dataDir, 'raw');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.jsonl'))
    .reduce((n, f) => n + readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).length, 0);
}

function summary(r: CannonResult) {
  return {
    requests_per_s: round(r.requests.average, 0),
    total: r.requests.total,
    ok_2xx: r['2xx'],
    non_2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    latency_ms: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'aim-load-'));
  const server = await startServerProcess(dataDir, ['--no-watch']);
  try {
    log(`writing ${PAGES} pages`);
    for (let i = 0; i < PAGES; i++) {
      const words = Array.from({ length: 60 }, (_, j) => WORDS[(i * 7 + j * 3) % WORDS.length]).join(' ');
      const response = await fetch(`${server.url}/admin/write-page`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workspace: 'default', project: 'load', path: `notes/page-${i}.md`, body: `# Page ${i} about ${WORDS[i % WORDS.length]}\n\n${words}\n` }),
      });
      if (!response.ok) throw new Error(`page write failed: ${await response.text()}`);
    }
    const rssIdle = server.rss();
    const hookBody = JSON.stringify({ session_id: 'load-1', cwd: '/work/load', hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'ls -la' }, tool_response: 'ok' });
    const before = rawEventCount(dataDir);
    log(`POST /hook for ${SECONDS} s, ${CONNECTIONS} connections`);
    const hookMemory = sampleRss(server);
    const hook = await cannon(`${server.url}/hook?agent=claude-code`, ['-m', 'POST', '-H', 'content-type=application/json', '-b', hookBody]);
    const hookRss = hookMemory.stop();
    const onDisk = rawEventCount(dataDir) - before;

    log(`GET /api/v1/search for ${SECONDS} s`);
    const searchMemory = sampleRss(server);
    const search = await cannon(`${server.url}/api/v1/search?q=${encodeURIComponent('postgres migration rollback')}&workspace=default&project=load`, []);
    const searchRss = searchMemory.stop();

    const results = {
      date: new Date().toISOString(),
      machine: machine(),
      seconds: SECONDS,
      connections: CONNECTIONS,
      pages: PAGES,
      hook: { ...summary(hook), events_on_disk: onDisk, dropped: Math.max(0, hook['2xx'] - onDisk) },
      search: summary(search),
      rss_mb: { idle: mb(rssIdle), hook_peak: mb(hookRss.peak), search_peak: mb(searchRss.peak), end: mb(server.rss()) },
    };
    await saveResults('load', results);
    await updateDocBlock('load', loadDoc(results));
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

type LoadResults = { date: string; machine: ReturnType<typeof machine>; seconds: number; connections: number; pages: number; hook: ReturnType<typeof summary> & { events_on_disk: number; dropped: number }; search: ReturnType<typeof summary>; rss_mb: Record<string, number> };

function loadDoc(r: LoadResults): string {
  const row = (label: string, s: ReturnType<typeof summary>, note: string) =>
    `| ${label} | ${s.requests_per_s} | ${s.latency_ms.p50} | ${s.latency_ms.p90} | ${s.latency_ms.p99} | ${s.latency_ms.max} | ${s.ok_2xx} ok, ${s.non_2xx} refused, ${s.errors} errors, ${s.timeouts} timeouts${note} |`;
  return [
    `Measured ${r.date.slice(0, 10)}, ${r.machine.cpus} cores, Node ${r.machine.node}: autocannon (same machine, so it shares the 2 cores) against \`ai-memory serve --no-watch\` on loopback, ${r.seconds} s per endpoint, ${r.connections} connections; search over a ${r.pages}-page project.`,
    '',
    '| endpoint | requests/s | p50 ms | p90 ms | p99 ms | max ms | answers |',
    '|---|---|---|---|---|---|---|',
    row('`POST /hook` (durable before the answer)', r.hook, `; ${r.hook.events_on_disk} events on disk, ${r.hook.dropped} acknowledged but missing`),
    row('`GET /api/v1/search`', r.search, ''),
    '',
    `Resident memory of the server: ${r.rss_mb.idle} MB idle after the page writes, peak ${r.rss_mb.hook_peak} MB under hook load, peak ${r.rss_mb.search_peak} MB under search load, ${r.rss_mb.end} MB at the end.`,
  ].join('\n');
}

await main();
