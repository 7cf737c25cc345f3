import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverConfigDefaults } from '../lib/config/config.js';
import { silentLogger } from '../lib/core/logger.js';
import { MemoryIndex } from '../lib/index/memory-index.js';
import { startServer } from '../lib/server/main.js';
import { createSearchService } from '../lib/services/search.js';
import { openWikiStore } from '../lib/store/wiki-store.js';
import { median, percentile, timed } from './stats.js';

/**
 * Each phase runs in its own process (see run.ts) so memory figures do not mix, and prints one
 * JSON line with its measurements.
 */
type PhaseArgs = { dataDir: string; queries?: string[]; rounds?: number };

async function openIndex(dataDir: string) {
  const store = await openWikiStore(dataDir);
  const index = await MemoryIndex.open({
    files: store.files,
    git: store.git,
    indexDir: store.layout.index,
    logger: silentLogger,
    persistDelayMs: 60_000,
  });
  return { store, index };
}

/** Scan, parse and index every page with no persisted index, then persist it. */
async function cold({ dataDir }: PhaseArgs) {
  await rm(join(dataDir, 'index'), { recursive: true, force: true });
  const { value, ms } = await timed(() => openIndex(dataDir));
  const rss = process.memoryUsage().rss;
  const persist = await timed(async () => {
    await value.index.rebuildHistory();
    await value.index.persist();
  });
  return { cold_ms: ms, pages: value.index.pageCount, rss_after_cold: rss, persist_ms: persist.ms };
}

/** Warm start from the persisted index, then the query latency of the memory_query path. */
async function warm({ dataDir, queries = [], rounds = 3 }: PhaseArgs) {
  const { value, ms } = await timed(() => openIndex(dataDir));
  const start = value.index.status().start;
  const search = createSearchService({ store: value.store, index: value.index, logger: silentLogger, version: 'bench' });
  const latencies: number[] = [];
  const hitCounts: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const q of queries) {
      const started = performance.now();
      const result = await search.search({ q, scopes: 'all', limit: 10 });
      latencies.push(performance.now() - started);
      if (round === 0) hitCounts.push(result.hits.length);
    }
  }
  return {
    warm_ms: ms,
    start,
    query_p50_ms: median(latencies),
    query_p95_ms: percentile(latencies, 95),
    query_max_ms: Math.max(...latencies),
    queries: latencies.length,
    queries_with_hits: hitCounts.filter((n) => n > 0).length,
    rss_serving: process.memoryUsage().rss,
  };
}

/** Page writes, an external atomic-rename edit to searchable, and a 500-file rsync burst. */
async function server({ dataDir, rounds = 40 }: PhaseArgs) {
  const running = await startServer(
    { ...serverConfigDefaults(dataDir), port: 0, persistDelayMs: 60_000, reconcileIntervalSec: 0 },
    { logger: silentLogger, version: 'bench' },
  );
  const { services } = running;
  const search = (q: string) => services.search.search({ q, scopes: [{ workspace: 'default', project: 'project-0' } as never], limit: 5 });
  try {
    const writes: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      const { ms } = await timed(() =>
        services.pages.writePage({
          workspace: 'default',
          project: 'project-0',
          path: `notes/bench-write-${i % 10}.md`,
          body: `# Bench write ${i}\n\nwritten at round ${i} with token benchwrite${i}.\n`,
        }),
      );
      writes.push(ms);
    }

    const editLatencies: number[] = [];
    const wiki = running.deps.store.layout.wiki;
    const notes = join(wiki, 'default/project-0/notes');
    await mkdir(notes, { recursive: true });
    for (let i = 0; i < 30; i += 1) {
      // An editor's save: write a hidden temp file, then rename it over the page.
      const token = `externaledit${i}x${Date.now()}`;
      const temp = join(notes, `.external-${i}.tmp`);
      await writeFile(temp, `# External ${i}\n\n${token}\n`);
      const started = performance.now();
      await rename(temp, join(notes, `external-${i % 5}.md`));
      while ((await search(token)).hits.length === 0) {
        if (performance.now() - started > 5000) throw new Error(`edit ${i} never became searchable`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      editLatencies.push(performance.now() - started);
    }

    const burstDir = await mkdtemp(join(tmpdir(), 'aim-burst-'));
    const target = 'default/project-1/burst';
    await mkdir(join(burstDir, target), { recursive: true });
    const stamp = Date.now();
    for (let i = 0; i < 500; i += 1) {
      await writeFile(join(burstDir, target, `b-${i}.md`), `# Burst ${i}\n\nburst${stamp}n${i} arrives together.\n`);
    }
    const before = running.index.pageCount;
    const burstStarted = performance.now();
    execFileSync('rsync', ['-a', `${burstDir}/`, `${wiki}/`]);
    const rsyncMs = performance.now() - burstStarted;
    while (running.index.pageCount < before + 500) {
      if (performance.now() - burstStarted > 20_000) throw new Error('burst never fully indexed');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const burstMs = performance.now() - burstStarted;
    const lastToken = (await services.search.search({ q: `burst${stamp}n499`, scopes: 'all', limit: 1 })).hits.length;
    await rm(burstDir, { recursive: true, force: true });
    return {
      write_p50_ms: median(writes),
      write_p95_ms: percentile(writes, 95),
      edit_to_search_p50_ms: median(editLatencies),
      edit_to_search_p95_ms: percentile(editLatencies, 95),
      burst_500_ms: burstMs,
      burst_rsync_ms: rsyncMs,
      burst_last_found: lastToken === 1,
      rss_server: process.memoryUsage().rss,
    };
  } finally {
    await running.close();
  }
}

/** The native baseline: better-sqlite3 FTS5 over the same files, same tokenizer, one transaction. */
async function native({ dataDir }: PhaseArgs) {
  const modulePath = join(process.cwd(), 'bench/.native/node_modules/better-sqlite3/lib/index.js');
  const { default: Database } = (await import(modulePath)) as { default: new (path: string) => NativeDb };
  const { parsePage } = await import('../lib/core/page.js');
  const { classifyWikiPath } = await import('../lib/core/paths.js');
  const { plainText } = await import('../lib/core/markdown.js');
  const store = await openWikiStore(dataDir);
  const { ms } = await timed(async () => {
    const files = await store.files.scan();
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE f USING fts5(title, body, meta, tokenize='porter unicode61 remove_diacritics 2')");
    const insert = db.prepare('INSERT INTO f(rowid, title, body, meta) VALUES (?, ?, ?, ?)');
    let id = 0;
    db.exec('BEGIN');
    // Reads batched like the product's rebuild, so only the parse + FTS engine differ.
    for (let start = 0; start < files.length; start += 64) {
      const batch = files.slice(start, start + 64);
      const texts = await Promise.all(batch.map((file) => readFile(join(store.layout.wiki, file.rel), 'utf8')));
      batch.forEach((file, i) => {
        const entry = classifyWikiPath(file.rel);
        if (entry?.type !== 'page') return;
        const page = parsePage(texts[i]!, entry.path);
        id += 1;
        insert.run(id, page.title, plainText(page.body), [page.tags.join(' '), page.summary ?? '', file.rel].join('\n'));
      });
    }
    db.exec('COMMIT');
  });
  return { native_cold_ms: ms };
}

interface NativeDb {
  exec(sql: string): void;
  prepare(sql: string): { run(...args: unknown[]): void };
}

const phases = { cold, warm, server, native } as const;

const [phase, argsJson] = process.argv.slice(2);
const run = phases[phase as keyof typeof phases];
if (!run) {
  console.error(`unknown phase ${phase}`);
  process.exit(2);
}
const result = await run(JSON.parse(argsJson ?? '{}') as PhaseArgs);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
