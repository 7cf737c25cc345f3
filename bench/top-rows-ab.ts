import { silentLogger } from '../lib/core/logger.js';
import { MemoryIndex } from '../lib/index/memory-index.js';
import { phrasesOf, topK, type RankedRow } from '../lib/index/fts-top-k.js';
import type { SqlDatabase, SqlValue } from '../lib/index/sql-engine.js';
import { createSearchService } from '../lib/services/search.js';
import { openWikiStore } from '../lib/store/wiki-store.js';
import { buildQueries } from './queries.js';
import { median, percentile, round } from './stats.js';

/**
 * `node --import tsx bench/top-rows-ab.ts <data dir> [--pages N] [--count Q] [--min-rows X] [--list M]`:
 * what per-phrase "top rows" lists would buy the all-projects full-text queries of bench:scale,
 * measured against today's topK (lib/index/fts-top-k.ts) on the same questions, then in the
 * whole search. An experiment, not the product: the lists are built here, untimed by the
 * comparison, and never kept.
 *
 * A list holds, for a phrase held by at least X rows, its M best rows by the phrase's own bm25,
 * and the score of the best row left out. A row in no list of a query's listed phrases and
 * holding none of its other phrases cannot score above the sum of those left-out scores (each
 * phrase's part of bm25 is the one-phrase score, same idf, same length factor), so the query is
 * scored by FTS5 only among the listed rows and the rows of the other phrases; when the last
 * row kept does not beat that bound, the full query runs. Every answer is compared with topK's,
 * row ids and scores bit for bit.
 */
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dataDir = args[0]!;
const pages = Number(option('--pages') ?? 50_000);
const count = Number(option('--count') ?? 500);
// The better of the two settings measured (docs/performance.md): fewer lists, longer ones.
const minRows = Number(option('--min-rows') ?? 5000);
const listSize = Number(option('--list') ?? 1000);
const TABLE = 'pages_fts';
const WEIGHTS = '6.0, 1.0, 3.0, 0.0';

const store = await openWikiStore(dataDir);
const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: store.layout.index, logger: silentLogger, persistDelayMs: 600_000 });
const search = createSearchService({ store, index, logger: silentLogger, version: 'bench' });
const db = (index as unknown as { state: { fullText: { store: { db: SqlDatabase } } } }).state.fullText.store.db;

// The full-text queries the questions send across all projects (a scoped one names a scope token).
const asked: Array<{ words: string; limit: number }> = [];
const all = db.all.bind(db);
db.all = <T>(sql: string, params?: SqlValue[]): T[] => {
  const words = String(params?.[0] ?? '');
  if (sql.includes(`bm25(${TABLE}`) && !words.includes('scope:')) asked.push({ words, limit: Number(params![params!.length - 1]) });
  return all<T>(sql, params);
};
for (const q of buildQueries(count, pages)) await search.search({ q, scopes: 'all', limit: 10 });
db.all = all;

const holding = (phrase: string) => db.get<{ n: number }>(`SELECT count(*) AS n FROM ${TABLE} WHERE ${TABLE} MATCH ?`, [phrase])?.n ?? 0;
const lists = new Map<string, { ids: number[]; leftOut: number }>();
let buildMs = 0;
for (const phrase of new Set(asked.flatMap(({ words }) => phrasesOf(words) ?? []))) {
  if (holding(phrase) < minRows) continue;
  const started = performance.now();
  const rows = all<RankedRow>(`SELECT rowid AS id, bm25(${TABLE}, ${WEIGHTS}) AS rank FROM ${TABLE} WHERE ${TABLE} MATCH ? ORDER BY rank LIMIT ?`, [phrase, listSize + 1]);
  buildMs += performance.now() - started;
  lists.set(phrase, { ids: rows.slice(0, listSize).map((r) => r.id), leftOut: rows.length > listSize ? -rows[listSize]!.rank : 0 });
}

let fallbacks = 0;
function withLists(words: string, limit: number, current = () => topK(db, { table: TABLE, weights: WEIGHTS, words, scope: '', limit })): RankedRow[] {
  const phrases = phrasesOf(words) ?? [];
  const listed = phrases.filter((p) => lists.has(p));
  if (listed.length === 0) return current();
  const others = phrases.filter((p) => !lists.has(p));
  const ids = [...new Set(listed.flatMap((p) => lists.get(p)!.ids))];
  const bound = listed.reduce((sum, p) => sum + lists.get(p)!.leftOut, 0) * (1 + 1e-6);
  const among = others.length > 0 ? ` UNION SELECT rowid FROM ${TABLE} AS among WHERE among.${TABLE} MATCH ?` : '';
  const params: SqlValue[] = [words, JSON.stringify(ids), ...(others.length > 0 ? [others.join(' OR ')] : []), limit];
  const best = all<RankedRow>(`SELECT rowid AS id, bm25(${TABLE}, ${WEIGHTS}) AS rank FROM ${TABLE} WHERE ${TABLE} MATCH ? AND +rowid IN (SELECT value FROM json_each(?)${among}) ORDER BY rank LIMIT ?`, params);
  if (best.length === limit && -best[limit - 1]!.rank * (1 - 1e-6) > bound) return best;
  fallbacks += 1;
  return current();
}

// Each query twice, the two ways interleaved, the faster time of each kept: the machine is shared.
const timed = (work: () => RankedRow[]) => {
  const started = performance.now();
  const rows = work();
  return { rows, ms: performance.now() - started };
};
const today: number[] = [];
const listed: number[] = [];
let mismatches = 0;
for (const { words, limit } of asked) {
  const a = timed(() => topK(db, { table: TABLE, weights: WEIGHTS, words, scope: '', limit }));
  const b = timed(() => withLists(words, limit));
  if (JSON.stringify(a.rows) !== JSON.stringify(b.rows)) mismatches += 1;
  today.push(Math.min(a.ms, timed(() => topK(db, { table: TABLE, weights: WEIGHTS, words, scope: '', limit })).ms));
  listed.push(Math.min(b.ms, timed(() => withLists(words, limit)).ms));
}
const figures = (times: number[]) => `p50 ${round(median(times), 2)} ms, p95 ${round(percentile(times, 95), 2)} ms, total ${round(times.reduce((s, t) => s + t, 0), 0)} ms`;
process.stdout.write(`${index.pageCount} pages, ${asked.length} all-projects full-text queries of ${count} questions\n`);
process.stdout.write(`lists: ${lists.size} phrases held by >= ${minRows} rows, ${listSize} rows each, built in ${round(buildMs, 0)} ms\n`);
process.stdout.write(`topK today:  ${figures(today)}\nwith lists:  ${figures(listed)} (full query again after a failed bound: ${fallbacks / 2} of ${asked.length})\n`);
process.stdout.write(`answers differing from topK's: ${mismatches}\n`);

// The whole search with and without the lists, in this process, each question asked twice each
// way (which way first alternates), the faster kept: what a search would gain end to end.
let listsOn = false;
db.all = <T>(sql: string, params?: SqlValue[]): T[] => {
  const words = String(params?.[0] ?? '');
  if (!listsOn || !sql.includes(`bm25(${TABLE}`) || words.includes('scope:') || !phrasesOf(words)) return all<T>(sql, params);
  return withLists(words, Number(params![params!.length - 1]), () => all<RankedRow>(sql, params)) as T[];
};
const whole = { on: [] as number[], off: [] as number[] };
let differing = 0;
const asOf = new Date('2026-01-01T00:00:00Z');
for (const [i, q] of buildQueries(count, pages).entries()) {
  const answers: Record<'on' | 'off', string> = { on: '', off: '' };
  const best = { on: Infinity, off: Infinity };
  for (const way of i % 2 === 0 ? (['on', 'off', 'on', 'off'] as const) : (['off', 'on', 'off', 'on'] as const)) {
    listsOn = way === 'on';
    const started = performance.now();
    answers[way] = JSON.stringify(await search.search({ q, scopes: 'all', limit: 10, asOf }));
    best[way] = Math.min(best[way], performance.now() - started);
  }
  if (answers.on !== answers.off) differing += 1;
  whole.on.push(best.on);
  whole.off.push(best.off);
}
db.all = all;
process.stdout.write(`whole search without lists: ${figures(whole.off)}\nwhole search with lists:    ${figures(whole.on)}\nsearch answers differing: ${differing}\n`);
await index.close();
