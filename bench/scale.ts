import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { argValue, log, machine, ROOT, saveResults, updateDocBlock } from './report.js';
import { renderScalePlot, type Panel } from './scale-plot.js';

/**
 * `npm run bench:scale`: the SPEC section 12 scale figures at 10k, 25k and 50k generated pages
 * (bench/corpus.ts, as `npm run bench`), each size measured by bench/scale-measure.ts in its own
 * process. Sizes measured earlier are kept, so one size can be re-run on its own:
 *
 *   npm run bench:scale                        # 10k, 25k, 50k
 *   npm run bench:scale -- --sizes 10000       # one size; the others stay as last measured
 *   npm run bench:scale -- --sizes '' --add m.json   # add figures bench/scale-measure.ts printed
 */
type Figures = Record<string, number | string | null> & { pages: number; measured_at?: string };

const sizes = (argValue(process.argv.slice(2), '--sizes') ?? '10000,25000,50000').split(',').filter(Boolean).map(Number);
const added = argValue(process.argv.slice(2), '--add');
const LATEST = join(ROOT, 'bench/results/scale-latest.json');

async function main(): Promise<void> {
  const previous = existsSync(LATEST) ? ((JSON.parse(await readFile(LATEST, 'utf8')) as { sizes: Figures[] }).sizes ?? []) : [];
  const bySize = new Map(previous.map((f) => [f.pages, f]));
  if (added) {
    const figures = JSON.parse((await readFile(added, 'utf8')).trim().split('\n').pop()!) as Figures;
    bySize.set(figures.pages, { ...figures, measured_at: new Date().toISOString() });
    await report([...bySize.values()].sort((a, b) => a.pages - b.pages));
  }
  for (const pages of sizes) {
    log(`measuring ${pages} pages in a fresh process`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/scale-measure.ts'), '--pages', String(pages)], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    if (run.status !== 0) throw new Error(`measuring ${pages} pages failed (exit ${run.status})`);
    const figures = JSON.parse(run.stdout.trim().split('\n').pop()!) as Figures;
    bySize.set(pages, { ...figures, measured_at: new Date().toISOString() });
    // Written after every size: a long run that is stopped still leaves what it measured.
    await report([...bySize.values()].sort((a, b) => a.pages - b.pages));
  }
}

async function report(all: Figures[]): Promise<void> {
  const results = { date: new Date().toISOString(), machine: machine(), sizes: all };
  await saveResults('scale', results);
  await mkdir(join(ROOT, 'docs/images'), { recursive: true });
  await writeFile(join(ROOT, 'docs/images/scale.png'), renderScalePlot(all.map((f) => f.pages), panels(all), caption(results.machine)));
  await updateDocBlock('scale', table(all, results.machine));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

function caption(m: ReturnType<typeof machine>): string {
  return `ai-memory bench:scale, ${m.cpus} cores (${m.cpu}), Node ${m.node}, on a machine shared with other work: timings are indicative`;
}

const col = (all: Figures[], key: string) => all.map((f) => (typeof f[key] === 'number' ? (f[key] as number) : null));

function panels(all: Figures[]): Panel[] {
  return [
    { title: 'start to searchable', unit: 's', target: 25, series: [
      { label: 'cold (no index)', values: col(all, 'cold_start_ms').map((v) => (v === null ? null : v / 1000)), color: '#c0392b' },
      { label: 'warm', values: col(all, 'warm_start_ms').map((v) => (v === null ? null : v / 1000)), color: '#2471a3' },
    ] },
    { title: 'query over HTTP, warm', unit: 'ms', target: 30, series: [
      { label: 'p95', values: col(all, 'query_p95_ms'), color: '#c0392b' },
      { label: 'p50', values: col(all, 'query_p50_ms'), color: '#2471a3' },
      { label: 'rg -l median', values: col(all, 'rg_l_median_ms'), color: '#7f8c8d' },
    ] },
    { title: 'query right after a cold start', unit: 'ms', target: 30, series: [
      { label: 'p95', values: col(all, 'query_after_cold_p95_ms'), color: '#c0392b' },
      { label: 'p50', values: col(all, 'query_after_cold_p50_ms'), color: '#2471a3' },
    ] },
    { title: 'resident memory', unit: 'MB', target: 800, series: [
      { label: 'after cold start', values: col(all, 'rss_after_cold_start_mb'), color: '#c0392b' },
      { label: 'after reindex', values: col(all, 'rss_after_reindex_mb'), color: '#8e44ad' },
      { label: 'warm, after 500 queries', values: col(all, 'rss_after_500_queries_mb'), color: '#2471a3' },
    ] },
    { title: 'page write p50', unit: 'ms', target: 80, series: [{ label: 'p50', values: col(all, 'write_p50_ms'), color: '#2471a3' }] },
    { title: 'index on disk', unit: 'MB', series: [
      { label: 'index/', values: col(all, 'index_on_disk_mb'), color: '#2471a3' },
      { label: 'wiki/ (files + .git)', values: col(all, 'wiki_on_disk_mb'), color: '#7f8c8d' },
    ] },
  ];
}

function table(all: Figures[], m: ReturnType<typeof machine>): string {
  const row = (label: string, cell: (f: Figures) => string) => `| ${label} | ${all.map(cell).join(' | ')} |`;
  const ms = (key: string) => (f: Figures) => (f[key] === null || f[key] === undefined ? 'n/a' : `${f[key]} ms`);
  const s = (key: string) => (f: Figures) => `${((f[key] as number) / 1000).toFixed(1)} s`;
  const mbCell = (key: string) => (f: Figures) => `${f[key]} MB`;
  const dates = [...new Set(all.map((f) => String(f.measured_at ?? '').slice(0, 10)))].join(', ');
  return [
    `Measured ${dates}, ${m.cpus} cores (${m.cpu}), Node ${m.node}, the real \`ai-memory serve\` (watcher on) in its own process, one fresh process per size. Timings move with any other load on the machine (the notes below say where a size ran on a busy one); memory and sizes do not.`,
    '',
    '![bench:scale figures against page count](images/scale.png)',
    '',
    `| figure | ${all.map((f) => `${f.pages / 1000}k pages`).join(' | ')} |`,
    `|---|${all.map(() => '---').join('|')}|`,
    row('cold start to searchable (no index)', s('cold_start_ms')),
    row('warm start to searchable', s('warm_start_ms')),
    row('query p50 / p95 over HTTP, warm', (f) => `${f.query_p50_ms} / ${f.query_p95_ms} ms`),
    row('warm start: wait for the top-rows lists (from 20k pages) before the queries', (f) => (typeof f.top_rows_wait_ms === 'number' ? `${(f.top_rows_wait_ms / 1000).toFixed(1)} s` : 'n/a')),
    row('query p50 / p95 right after the cold start', (f) => `${f.query_after_cold_p50_ms} / ${f.query_after_cold_p95_ms} ms`),
    row('`rg -l` on the same files (median)', ms('rg_l_median_ms')),
    row('native FTS5 build of the same files (better-sqlite3), cold start / native', (f) => (typeof f.native_cold_ms === 'number' ? `${(f.native_cold_ms / 1000).toFixed(1)} s, ${f.cold_vs_native}x` : 'n/a')),
    row('page write p50 / p95', (f) => `${f.write_p50_ms} / ${f.write_p95_ms} ms`),
    row('`reindex`', s('reindex_ms')),
    row('RSS right after the cold start', mbCell('rss_after_cold_start_mb')),
    row('RSS after `reindex`', mbCell('rss_after_reindex_mb')),
    row('RSS after warm start / after 500 queries', (f) => `${f.rss_after_warm_start_mb} / ${f.rss_after_500_queries_mb} MB`),
    row('peak RSS of the serving process (cold start, queries, writes, reindex)', mbCell('rss_peak_cold_process_mb')),
    row('index on disk (`index/`)', mbCell('index_on_disk_mb')),
    row('wiki on disk (files + `.git`)', mbCell('wiki_on_disk_mb')),
  ].join('\n');
}

await main();
