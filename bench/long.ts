import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argValue, log, machine, saveResults, updateDocBlock } from './report.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { mb, percentile, round } from './stats.js';

/**
 * `npm run bench:long` (not part of npm test): a long run against the real server process.
 * 50,000 hook events over 500 sessions in 5 projects, each session ended, while 5,000 pages
 * are written; resident memory is sampled throughout. At the end every acknowledged event must
 * be in the raw logs, every session closed into a page, every page on disk, committed, listed
 * and searchable, the repository clean (`git fsck`, `git status`), and a restarted server's
 * index must agree with the files.
 *
 *   npm run bench:long -- --events 5000 --pages 500   # a shorter run
 */
const args = process.argv.slice(2);
const EVENTS = Number(argValue(args, '--events') ?? 50_000);
const PAGES = Number(argValue(args, '--pages') ?? 5_000);
const SESSIONS = Number(argValue(args, '--sessions') ?? Math.max(5, Math.round(EVENTS / 100)));
const EVENT_LANES = 24;
const PAGE_LANES = 2;

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'aim-long-'));
  let server: ServerProcess = await startServerProcess(dataDir);
  const acked = new Set<string>();
  const refused = { events: 0, pages: 0 };
  const pages: string[] = [];
  const pageWriteMs: number[] = [];
  // Page writes that finished while hook events were still streaming in (the session-end burst).
  let burst = { seconds: 0, pages: 0, latencies: [] as number[] };
  const perSession = Math.floor(EVENTS / SESSIONS);
  const memory: Array<{ s: number; rss_mb: number; events: number; pages: number }> = [];
  const started = performance.now();
  const sampler = setInterval(() => memory.push({ s: round((performance.now() - started) / 1000, 0), rss_mb: mb(server.rss()), events: acked.size, pages: pages.length }), 1000);
  try {
    const hook = async (session: number, kind: string, extra: Record<string, unknown>) => {
      const response = await post(`${server.url}/hook?agent=claude-code`, { session_id: `long-${session}`, cwd: `/work/long-${session % 5}`, hook_event_name: kind, ...extra });
      if (response.status === 202) acked.add(((await response.json()) as { id: string }).id);
      else refused.events++;
    };
    const eventLane = async (lane: number) => {
      for (let s = lane; s < SESSIONS; s += EVENT_LANES) {
        await hook(s, 'UserPromptSubmit', { prompt: `session ${s}: tidy the build` });
        for (let i = 0; i < perSession - 2; i++) await hook(s, 'PostToolUse', { tool_name: 'Bash', tool_input: { command: `step ${i} of ${s}` }, tool_response: `ok ${i}` });
        await hook(s, 'SessionEnd', { reason: 'exit' });
      }
    };
    const pageLane = async (lane: number) => {
      for (let i = lane; i < PAGES; i += PAGE_LANES) {
        const path = `notes/n${i % 1000}/page-${i}.md`;
        const sent = performance.now();
        const response = await post(`${server.url}/admin/write-page`, { workspace: 'default', project: 'long-pages', path, body: `# Long run page ${i}\n\nmarker lq${i}z written during the long run. See [[page-${(i + 1) % PAGES}]].\n` });
        if (response.ok) {
          pages.push(path);
          pageWriteMs.push(performance.now() - sent);
        } else refused.pages++;
      }
    };
    const progress = setInterval(() => log(`${acked.size} events, ${pages.length} pages, ${mb(server.rss())} MB`), 15_000);
    const eventsDone = Promise.all(Array.from({ length: EVENT_LANES }, (_, l) => eventLane(l))).then(() => {
      burst = { seconds: (performance.now() - started) / 1000, pages: pages.length, latencies: [...pageWriteMs] };
    });
    await Promise.all([eventsDone, ...Array.from({ length: PAGE_LANES }, (_, l) => pageLane(l))]);
    clearInterval(progress);
    const loadSeconds = (performance.now() - started) / 1000;
    log('load done; checking consistency');

    // Sessions close in the background after SessionEnd: wait for every session page.
    const sessionPage = (s: number) => join(dataDir, `wiki/default/long-${s % 5}/sessions/long-${s}.md`);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !Array.from({ length: SESSIONS }, (_, s) => existsSync(sessionPage(s))).every(Boolean)) await new Promise((r) => setTimeout(r, 500));
    const sessionPages = Array.from({ length: SESSIONS }, (_, s) => existsSync(sessionPage(s))).filter(Boolean).length;

    const onDisk = new Set<string>();
    const rawDir = join(dataDir, 'raw');
    for (const file of readdirSync(rawDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(rawDir, file), 'utf8').split('\n').filter(Boolean)) onDisk.add((JSON.parse(line) as { id?: string }).id ?? '');
    }
    const missingEvents = [...acked].filter((id) => !onDisk.has(id)).length;
    const wiki = join(dataDir, 'wiki');
    const missingFiles = pages.filter((p) => !existsSync(join(wiki, 'default/long-pages', p))).length;
    let unsearchable = 0;
    for (let i = 0; i < PAGES; i += Math.max(1, Math.floor(PAGES / 200))) {
      const found = (await (await post(`${server.url}/api/v1/search`, { workspace: 'default', project: 'long-pages', q: `lq${i}z` })).json()) as { hits: Array<{ path: string }> };
      if (found.hits[0]?.path !== `notes/n${i % 1000}/page-${i}.md`) unsearchable++;
    }
    const listed = async () => ((await (await fetch(`${server.url}/api/v1/workspaces/default/projects/long-pages/pages`)).json()) as { pages: unknown[] }).pages.length;
    const listedBefore = await listed();
    const rssEnd = server.rss();
    await server.stop();
    const gitStatus = execFileSync('git', ['-C', wiki, 'status', '--porcelain'], { encoding: 'utf8' }).trim();
    let fsckClean = true;
    try {
      execFileSync('git', ['-C', wiki, 'fsck', '--strict', '--no-progress'], { stdio: 'pipe' });
    } catch {
      fsckClean = false;
    }
    const commits = Number(execFileSync('git', ['-C', wiki, 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }).trim());
    const restartStarted = performance.now();
    server = await startServerProcess(dataDir);
    const restartMs = performance.now() - restartStarted;
    const listedAfter = await listed();

    const rss = memory.map((m) => m.rss_mb);
    const quarter = (q: number) => memory[Math.min(memory.length - 1, Math.floor((memory.length - 1) * q))]?.rss_mb ?? 0;
    const results = {
      date: new Date().toISOString(),
      machine: machine(),
      events_sent: acked.size + refused.events,
      events_acked: acked.size,
      events_refused: refused.events,
      events_missing_on_disk: missingEvents,
      sessions: SESSIONS,
      session_pages: sessionPages,
      pages_written: pages.length,
      pages_refused: refused.pages,
      page_files_missing: missingFiles,
      pages_listed: listedBefore,
      pages_listed_after_restart: listedAfter,
      searches_checked: Math.ceil(PAGES / Math.max(1, Math.floor(PAGES / 200))),
      searches_missed: unsearchable,
      git_status_clean: gitStatus === '',
      git_fsck_clean: fsckClean,
      commits,
      load_seconds: round(loadSeconds, 0),
      events_per_s: round(acked.size / loadSeconds, 0),
      page_writes_per_s: round(pages.length / loadSeconds, 1),
      page_write_ms: { p50: round(percentile(pageWriteMs, 50), 0), p95: round(percentile(pageWriteMs, 95), 0), p99: round(percentile(pageWriteMs, 99), 0), max: round(Math.max(...pageWriteMs), 0) },
      events_streaming_s: round(burst.seconds, 0),
      pages_while_events_streamed: burst.pages,
      page_write_ms_while_events_streamed: { p50: round(percentile(burst.latencies, 50), 0), p95: round(percentile(burst.latencies, 95), 0), max: round(Math.max(0, ...burst.latencies), 0) },
      restart_ms: round(restartMs, 0),
      rss_mb: { at_25pct: quarter(0.25), at_50pct: quarter(0.5), at_75pct: quarter(0.75), peak: Math.max(...rss), end: mb(rssEnd) },
      rss_timeline: memory.filter((_, i) => i % 10 === 0),
    };
    await saveResults('long', results);
    await updateDocBlock('long', longDoc(results));
    process.stdout.write(`${JSON.stringify({ ...results, rss_timeline: undefined }, null, 2)}\n`);
  } finally {
    clearInterval(sampler);
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

type Latency = Record<'p50' | 'p95' | 'max', number>;

function longDoc(r: Record<string, unknown> & { date: string; machine: ReturnType<typeof machine>; rss_mb: Record<string, number>; page_write_ms: Latency; page_write_ms_while_events_streamed: Latency }): string {
  const ok = (good: boolean) => (good ? 'yes' : '**no**');
  return [
    `Measured ${r.date.slice(0, 10)}, ${r.machine.cpus} cores, Node ${r.machine.node}: the real server process (watcher on) on a temp data dir; ${r.events_acked} hook events over ${r.sessions} sessions in 5 projects (each ended), with ${r.pages_written} page writes in a sixth project at the same time, in ${r.load_seconds} s (${r.events_per_s} events/s, ${r.page_writes_per_s} page writes/s, ${r.commits} commits).`,
    '',
    `Page writes (\`POST /admin/write-page\`, two in flight): p50 ${r.page_write_ms.p50} ms, p95 ${r.page_write_ms.p95} ms, max ${r.page_write_ms.max} ms over the run; while the hook events streamed in (the first ${r.events_streaming_s} s, every session ending in that time), ${r.pages_while_events_streamed} page writes completed, p50 ${r.page_write_ms_while_events_streamed.p50} ms, p95 ${r.page_write_ms_while_events_streamed.p95} ms, max ${r.page_write_ms_while_events_streamed.max} ms.`,
    '',
    '| check | result | consistent |',
    '|---|---|---|',
    `| acknowledged events in the raw logs | ${Number(r.events_acked) - Number(r.events_missing_on_disk)}/${r.events_acked} (${r.events_refused} refused with 429) | ${ok(r.events_missing_on_disk === 0)} |`,
    `| sessions closed into pages | ${r.session_pages}/${r.sessions} | ${ok(r.session_pages === r.sessions)} |`,
    `| written pages on disk / listed by the index / listed after a restart | ${Number(r.pages_written) - Number(r.page_files_missing)} / ${r.pages_listed} / ${r.pages_listed_after_restart} of ${r.pages_written} | ${ok(r.page_files_missing === 0 && r.pages_listed === r.pages_written && r.pages_listed_after_restart === r.pages_written)} |`,
    `| pages found by search (sampled) | ${Number(r.searches_checked) - Number(r.searches_missed)}/${r.searches_checked} | ${ok(r.searches_missed === 0)} |`,
    `| \`git status\` clean, \`git fsck --strict\` clean | ${r.git_status_clean ? 'clean' : 'dirty'}, ${r.git_fsck_clean ? 'clean' : 'errors'} | ${ok(r.git_status_clean === true && r.git_fsck_clean === true)} |`,
    '',
    `Resident memory along the run: ${r.rss_mb.at_25pct} MB at a quarter, ${r.rss_mb.at_50pct} MB at half, ${r.rss_mb.at_75pct} MB at three quarters, peak ${r.rss_mb.peak} MB, ${r.rss_mb.end} MB at the end (timeline in \`bench/results/long-latest.json\`). Restart on the result took ${r.restart_ms} ms.`,
  ].join('\n');
}

await main();
