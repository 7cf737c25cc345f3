import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverConfigDefaults } from '../lib/config/config.js';
import { silentLogger } from '../lib/core/logger.js';
import { DEFAULT_WORKSPACE, parseSlug, wikiPath, type PagePath, type Scope } from '../lib/core/paths.js';
import { startServer } from '../lib/server/main.js';
import { writeJob } from '../lib/services/write-job.js';
import { DEV_PARAPHRASE } from './recall/dev-paraphrase.js';
import { QUESTIONS } from './recall/questions.js';
import { splitOf, summarize, type Half, type Row, type Scored, scoreQuestion } from './recall/score.js';
import { recallWiki, resolveExpected } from './recall/wiki.js';
import { wordCountRanking } from './recall/word-count.js';
import { argValue, log, machine, saveResults, updateDocBlock } from './report.js';
import { percentile, round } from './stats.js';

/**
 * `npm run bench:recall`: does search answer a project's questions? A hand-written project wiki
 * (bench/recall/: decisions with supersessions, gotchas, rules, procedures, concepts, captured
 * sessions and handoffs) is loaded through the product's write path, and every question goes to
 * the search service `memory_query` uses, next to plain word counting over the same files.
 * Results are reported for the tuning half and the held-out half separately.
 *
 *   npm run bench:recall                 # both halves, results into docs/performance.md
 *   npm run bench:recall -- --misses     # also print the tuning half's questions answered below rank 5
 *   npm run bench:recall -- --ranks      # print every tuning-half question with its first answer's rank and the top 5
 *   npm run bench:recall -- --no-doc     # print only
 *   npm run bench:recall -- --dev        # also the development paraphrase set (bench/recall/dev-paraphrase.ts) as a third half
 */
const args = process.argv.slice(2);
const SCOPE: Scope = { workspace: DEFAULT_WORKSPACE, project: parseSlug('ledgerline') };

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'aim-recall-'));
  const server = await startServer(
    { ...serverConfigDefaults(dataDir), port: 0, watch: false, reconcileIntervalSec: 0, persistDelayMs: 1000 },
    { logger: silentLogger, version: 'bench' },
  );
  try {
    const wiki = recallWiki();
    const deps = server.deps;
    await writeJob(deps, { message: 'Load the ledgerline recall wiki' }, async (tx) => {
      await tx.ensureManifest(SCOPE, 'ledgerline', new Date('2026-05-04T08:00:00Z'));
      for (const [path, text] of wiki) await tx.writeText(wikiPath(SCOPE, path as Parameters<typeof wikiPath>[1]), text);
    });
    log(`loaded ${wiki.size} pages`);

    const withDev = args.includes('--dev');
    const halves = splitOf(QUESTIONS);
    if (withDev) for (const question of DEV_PARAPHRASE) halves.set(question, 'dev');
    const asked = withDev ? [...QUESTIONS, ...DEV_PARAPHRASE] : QUESTIONS;
    const ours: Array<Scored & { half: Half }> = [];
    const words: Array<Scored & { half: Half }> = [];
    const times: number[] = [];
    const misses: string[] = [];
    const ranks: string[] = [];
    for (const question of asked) {
      const expected = question.expect.map(resolveExpected);
      for (const path of expected) if (!wiki.has(path)) throw new Error(`question "${question.q}" expects ${path}, which the wiki does not have`);
      const half = halves.get(question)!;
      const t0 = performance.now();
      const response = await server.services.search.search({ q: question.q, scopes: [SCOPE], limit: 10, ...(question.asked ? { asOf: new Date(`${question.asked}T12:00:00Z`) } : {}) });
      times.push(performance.now() - t0);
      const hits = response.hits.map((h) => h.path);
      const scored = scoreQuestion(question, expected, hits);
      ours.push({ ...scored, half });
      words.push({ ...scoreQuestion(question, expected, wordCountRanking(question.q, wiki)), half });
      // Only the tuning half's and the dev set's misses are ever printed: looking at held-out misses is tuning on them.
      const printable = half !== 'held-out';
      if (args.includes('--ranks') && printable) {
        const firstRank = hits.findIndex((h) => expected.includes(h)) + 1;
        ranks.push(`${firstRank || '-'}\t${half} ${question.category}\t${question.q}\n  want ${expected.join(', ')}\n  got  ${response.hits.slice(0, 5).map((h) => `${h.path} (${h.reason})`).join('\n       ')}`);
      }
      if (scored.at[5]! < 1 && printable) misses.push(`${half} ${question.category}: ${question.q}\n  want ${expected.join(', ')}\n  got  ${hits.slice(0, 5).join(', ')}`);
    }
    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      pages: wiki.size,
      questions: QUESTIONS.length,
      dev_questions: withDev ? DEV_PARAPHRASE.length : 0,
      query_ms: { p50: round(percentile(times, 50), 2), p95: round(percentile(times, 95), 2) },
      held_out: { ours: summarize(ours.filter((r) => r.half === 'held-out')), words: summarize(words.filter((r) => r.half === 'held-out')) },
      tuning: { ours: summarize(ours.filter((r) => r.half === 'tuning')), words: summarize(words.filter((r) => r.half === 'tuning')) },
      ...(withDev ? { dev: { ours: summarize(ours.filter((r) => r.half === 'dev')), words: summarize(words.filter((r) => r.half === 'dev')) } } : {}),
    };
    if (args.includes('--misses')) process.stderr.write(`${misses.join('\n')}\n`);
    if (args.includes('--ranks')) process.stderr.write(`${ranks.join('\n')}\n`);
    process.stdout.write(`${recallDoc(report)}\n`);
    if (!args.includes('--no-doc') && argValue(args, '--only') === undefined) {
      await saveResults('recall', report);
      await updateDocBlock('recall', recallDoc(report));
    }
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function table(title: string, ours: Row[], words: Row[]): string {
  const lines = [`**${title}**`, '', '| category | questions | r@1 | r@5 | r@10 | MRR | word counting r@5 | word counting MRR |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  ours.forEach((row, i) => {
    const base = words[i]!;
    lines.push(`| ${row.label} | ${row.questions} | ${row.r1} | ${row.r5} | ${row.r10} | ${row.mrr} | ${base.r5} | ${base.mrr} |`);
  });
  return lines.join('\n');
}

interface Halves {
  ours: Row[];
  words: Row[];
}

function recallDoc(report: { date: string; pages: number; questions: number; dev_questions: number; query_ms: { p50: number; p95: number }; held_out: Halves; tuning: Halves; dev?: Halves }): string {
  const dev = report.dev;
  return [
    `Recall on a project's own questions (\`npm run bench:recall\`, ${report.date.slice(0, 10)}): ${report.pages} pages of a hand-written project wiki, ${report.questions} questions in 8 categories, each asked through the search service next to plain word counting over the same files. Multi-page questions count the share of their pages found. Query time p50 ${report.query_ms.p50} ms, p95 ${report.query_ms.p95} ms (indicative: shared machine).`,
    '',
    table('Held-out half (never tuned on)', report.held_out.ours, report.held_out.words),
    '',
    table('Tuning half', report.tuning.ours, report.tuning.words),
    ...(dev ? ['', table(`Development paraphrase set (bench/recall/dev-paraphrase.ts, ${report.dev_questions} questions, tuned on)`, onlyAsked(dev.ours), onlyAsked(dev.words))] : []),
  ].join('\n');
}

/** The dev set is paraphrase questions only: its table leaves out the empty categories. */
function onlyAsked(rows: Row[]): Row[] {
  return rows.filter((row) => row.questions > 0 && (row.label === 'paraphrase' || row.label === 'overall'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
