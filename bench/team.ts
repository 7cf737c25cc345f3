import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argValue, log, machine, ROOT, saveResults, updateDocBlock } from './report.js';
import { median, percentile, round } from './stats.js';

/**
 * `npm run bench:team`: a team's wiki at full size. Runs test/lifecycle/team-sync.test.ts (three
 * data dirs, each with its own server, writing at once and syncing every 10 writes through one
 * bare repository behind git's HTTP backend) with 1,000 writes instead of CI's 60, so the test's
 * own assertions (nothing lost, every conflict copy reported, heads converge, fsck clean) hold
 * for the run whose figures are reported. Results go to bench/results/team-latest.json and the
 * `bench:team` block of docs/deploy.md.
 *
 *   npm run bench:team                    # 1,000 writes
 *   npm run bench:team -- --writes 300    # a shorter run
 */
interface TeamReport {
  writes: number;
  sync_every: number;
  shared_every: number;
  shared_pages: number;
  /** Lines appended to shared pages, the three before the first sync included. */
  shared_writes: number;
  machines: Array<{ name: string; syncs: number; sync_ms: number[]; conflicts: number; refused_pushes: number; failed_fetches: number }>;
  conflict_copies: number;
  /** Conflicts reported after the first round (which conflicts by construction). */
  later_conflicts: number;
  files: number;
  commits: number;
  bare_repo_kb: number;
  laptop_repo_kb: number;
  lost: number;
}

const writes = Number(argValue(process.argv.slice(2), '--writes') ?? 1000);

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'aim-bench-team-'));
  const reportFile = join(dir, 'team.json');
  log(`${writes} writes over three machines (a few minutes per hundred writes on 2 shared cores)`);
  const started = performance.now();
  // The test file directly: test/run.mjs stops a run after 25 minutes, which 1,000 writes on a
  // loaded machine can take.
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', join(ROOT, 'test/lifecycle/team-sync.test.ts')], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_NO_WARNINGS: '1', AI_MEMORY_TEAM_WRITES: String(writes), AI_MEMORY_TEAM_REPORT: reportFile },
  });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`the team run failed (exit ${run.status}); its output above says which assertion`);
  const report = JSON.parse(await readFile(reportFile, 'utf8')) as TeamReport;
  await rm(dir, { recursive: true, force: true });

  const syncMs = report.machines.flatMap((m) => m.sync_ms);
  const sum = (pick: (m: TeamReport['machines'][number]) => number) => report.machines.reduce((total, m) => total + pick(m), 0);
  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    load_average_1m: round(Number((await readFile('/proc/loadavg', 'utf8').catch(() => '0')).split(' ')[0]), 1),
    ...report,
    machines: report.machines.map(({ sync_ms, ...m }) => ({ ...m, sync_p50_ms: round(median(sync_ms), 0), sync_max_ms: round(Math.max(...sync_ms), 0) })),
    syncs: sum((m) => m.syncs),
    sync_p50_ms: round(median(syncMs), 0),
    sync_p95_ms: round(percentile(syncMs, 95), 0),
    conflicts_reported: sum((m) => m.conflicts),
    refused_pushes: sum((m) => m.refused_pushes),
    failed_fetches: sum((m) => m.failed_fetches),
    wall_s: round(wallMs / 1000, 0),
  };
  await saveResults('team', results);
  const table = [
    `Measured ${results.date.slice(0, 10)} by \`npm run bench:team\`, ${results.machine.cpus} cores (${results.machine.cpu}), Node ${results.machine.node}, load average ${results.load_average_1m} when it ended (a shared machine: times are indicative).`,
    '',
    '| figure | value |',
    '|---|---|',
    `| writes (three machines, each syncing every ${report.sync_every} of its writes) | ${report.writes} |`,
    `| of which appends to ${report.shared_pages} shared pages (one write in ${report.shared_every}, plus one per machine before the first sync) | ${report.shared_writes} |`,
    `| syncs | ${results.syncs} |`,
    `| sync p50 / p95 | ${(results.sync_p50_ms / 1000).toFixed(1)} / ${(results.sync_p95_ms / 1000).toFixed(1)} s |`,
    `| conflicts reported / conflict copies in the wiki | ${results.conflicts_reported} / ${report.conflict_copies} |`,
    `| of which after the first round | ${report.later_conflicts} |`,
    `| syncs that lost the race to other machines' pushes four rounds in a row (run again by the caller, as a timer would) | ${results.refused_pushes} |`,
    `| fetches that timed out (retried) | ${results.failed_fetches} |`,
    `| files at the end, identical on every machine and in the bare repository | ${report.files} |`,
    `| commits in the shared history | ${report.commits} |`,
    `| repository size: the bare one / a laptop's (isomorphic-git never packs) | ${(report.bare_repo_kb / 1024).toFixed(1)} / ${(report.laptop_repo_kb / 1024).toFixed(1)} MB |`,
    `| lines lost | ${report.lost} |`,
    `| whole run | ${Math.round(results.wall_s / 60)} min |`,
  ].join('\n');
  await updateDocBlock('team', table, 'docs/deploy.md');
  log(`done: ${results.syncs} syncs, ${results.conflicts_reported} conflicts, ${report.lost} lost, ${results.wall_s} s`);
}

await main();
