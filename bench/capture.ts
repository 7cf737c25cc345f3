import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, open, readFile, readdir, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, percentile, round } from './stats.js';

/**
 * Capture figures of SPEC section 12: `POST /hook` latency at 500 events/s (durable before the
 * answer: the acknowledged events are counted on disk afterwards), and the `ai-memory hook`
 * process from spawn to exit, against a bare `node -e ''` measured in the same run.
 */
const ROOT = new URL('..', import.meta.url).pathname;
const FIXTURE = join(ROOT, '../shared/fixtures/hooks/claude-code/PostToolUse.json');

export interface CaptureResults {
  ingest_rate_per_s: number;
  ingest_events: number;
  ingest_p50_ms: number;
  ingest_p99_ms: number;
  ingest_max_ms: number;
  ingest_client_p50_ms: number;
  ingest_client_p99_ms: number;
  ingest_acked: number;
  ingest_on_disk: number;
  ingest_rejected_429: number;
  hook_process_median_ms: number;
  hook_process_p90_ms: number;
  node_baseline_median_ms: number;
  /** The floor under "durable before the answer": one appended line and its fdatasync, same disk, same rate. */
  disk_sync_p50_ms: number;
  disk_sync_p99_ms: number;
}

async function startServer(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/ai-memory'), 'serve', '--data-dir', dataDir, '--port', '0', '--no-watch'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

interface Sample {
  status: number;
  /** Seen by the client: request written to response complete. */
  clientMs: number;
  /** Reported by the server (Server-Timing): request received to durable and answered. */
  serverMs: number;
}

function post(agent: Agent, url: string, body: string): Promise<Sample> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        const timing = /dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
        resolve({ status: res.statusCode ?? 0, clientMs: performance.now() - started, serverMs: timing ? Number(timing[1]) : Number.NaN });
      });
    });
    req.on('error', () => resolve({ status: 0, clientMs: performance.now() - started, serverMs: Number.NaN }));
    req.end(body);
  });
}

/**
 * Open-loop load: one request every 1000/rate ms whatever the answers do. The generator shares
 * the machine with the server, so the server's own figure (Server-Timing) is reported beside
 * what the client saw.
 */
async function ingestAtRate(url: string, rate: number, seconds: number): Promise<Sample[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const template = JSON.parse(await readFile(FIXTURE, 'utf8')) as Record<string, unknown>;
  const pending: Array<Promise<Sample>> = [];
  const started = performance.now();
  for (let i = 0; i < rate * seconds; i += 1) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const body = JSON.stringify({ ...template, session_id: `bench-${i % 20}`, tool_input: { command: `step ${i}` } });
    pending.push(post(agent, `${url}/hook?agent=claude-code&event=PostToolUse`, body));
  }
  const samples = await Promise.all(pending);
  agent.destroy();
  return samples;
}

/** Captured events on disk; the server writes nothing else there during the run. */
async function linesOnDisk(dataDir: string): Promise<number> {
  const dir = join(dataDir, 'raw/default/acme-api');
  let count = 0;
  for (const name of await readdir(dir)) {
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) if (line.startsWith('{"record":"event"')) count += 1;
  }
  return count;
}

/**
 * What the disk itself takes to make one appended line durable (write + fdatasync), at the
 * ingest rate, in the data dir's file system: no server can answer a durable append faster.
 */
async function diskSyncAtRate(dir: string, rate: number, seconds: number): Promise<number[]> {
  const file = await open(join(dir, 'sync-baseline.jsonl'), 'a');
  const line = `${JSON.stringify({ record: 'event', pad: 'x'.repeat(400) })}\n`;
  const samples: number[] = [];
  try {
    const started = performance.now();
    for (let i = 0; i < rate * seconds; i += 1) {
      const wait = started + (i * 1000) / rate - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const t0 = performance.now();
      await file.write(line);
      await file.datasync();
      samples.push(performance.now() - t0);
    }
  } finally {
    await file.close();
  }
  return samples;
}

function timeProcess(argv: string[], input: string): number {
  const started = performance.now();
  spawnSync(process.execPath, argv, { input, stdio: ['pipe', 'ignore', 'ignore'] });
  return performance.now() - started;
}

export async function runCaptureBench(log: (message: string) => void): Promise<CaptureResults> {
  const dataDir = await mkdtemp(join(tmpdir(), 'aim-bench-capture-'));
  const server = await startServer(dataDir);
  try {
    const rate = 500;
    log(`capture: ${rate} events/s for 10 s against POST /hook`);
    const samples = await ingestAtRate(server.url, rate, 10);
    const acked = samples.filter((s) => s.status === 202);
    const onDisk = await linesOnDisk(dataDir);
    if (onDisk < acked.length) throw new Error(`${acked.length - onDisk} acknowledged events are missing on disk`);
    const client = acked.map((s) => s.clientMs);
    const serverSide = acked.map((s) => s.serverMs);
    log(`capture: the disk's own append + fdatasync at ${rate}/s, for comparison`);
    const sync = await diskSyncAtRate(dataDir, rate, 5);

    log('capture: timing the ai-memory hook process');
    const payload = await readFile(FIXTURE, 'utf8');
    const hookArgs = [join(ROOT, 'bin/ai-memory'), 'hook', '--agent', 'claude-code', '--event', 'PostToolUse', '--server-url', server.url];
    timeProcess(hookArgs, payload); // warm the page cache
    const hook: number[] = [];
    const node: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      hook.push(timeProcess(hookArgs, payload));
      node.push(timeProcess(['-e', ''], ''));
    }
    return {
      ingest_rate_per_s: rate,
      ingest_events: samples.length,
      ingest_p50_ms: round(median(serverSide), 2),
      ingest_p99_ms: round(percentile(serverSide, 99), 2),
      ingest_max_ms: round(Math.max(...serverSide), 2),
      ingest_client_p50_ms: round(median(client), 2),
      ingest_client_p99_ms: round(percentile(client, 99), 2),
      ingest_acked: acked.length,
      ingest_on_disk: onDisk,
      ingest_rejected_429: samples.filter((s) => s.status === 429).length,
      hook_process_median_ms: round(median(hook), 1),
      hook_process_p90_ms: round(percentile(hook, 90), 1),
      node_baseline_median_ms: round(median(node), 1),
      disk_sync_p50_ms: round(median(sync), 2),
      disk_sync_p99_ms: round(percentile(sync, 99), 2),
    };
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
