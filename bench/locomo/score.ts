import { CATEGORY_NAMES, type LocomoQuestion } from './dataset.js';
import { percentile, round } from '../stats.js';

export const KS = [1, 5, 10] as const;

export interface QuestionResult {
  category: number;
  /** 1-based rank of the first evidence turn among the hits, or null when absent from the top 10. */
  rank: number | null;
  ms: number;
}

export function firstEvidenceRank(question: LocomoQuestion, hitIds: Array<string | null>): number | null {
  const wanted = new Set(question.evidence);
  const index = hitIds.findIndex((id) => id !== null && wanted.has(id));
  return index < 0 ? null : index + 1;
}

/** The same at session level: the rank of the first hit in a session holding an evidence turn (`D3` for `D3:13`). */
export function firstEvidenceSessionRank(question: LocomoQuestion, hitSessionIds: Array<string | null>): number | null {
  const wanted = new Set(question.evidence.map((id) => id.split(':')[0]!));
  const index = hitSessionIds.findIndex((id) => id !== null && wanted.has(id));
  return index < 0 ? null : index + 1;
}

export interface RecallRow {
  label: string;
  questions: number;
  recall: Record<`r${(typeof KS)[number]}`, number>;
}

function recallRow(label: string, results: QuestionResult[]): RecallRow {
  const at = (k: number) => round(results.filter((r) => r.rank !== null && r.rank <= k).length / Math.max(1, results.length), 3);
  return { label, questions: results.length, recall: { r1: at(1), r5: at(5), r10: at(10) } };
}

/** Recall per category and overall, plus latency percentiles of the queries. */
export function summarize(results: QuestionResult[]) {
  const rows = Object.entries(CATEGORY_NAMES).map(([cat, name]) => recallRow(`${cat} ${name}`, results.filter((r) => r.category === Number(cat))));
  const times = results.map((r) => r.ms);
  return {
    by_category: rows,
    overall: recallRow('overall', results),
    latency_p50_ms: round(percentile(times, 50), 2),
    latency_p95_ms: round(percentile(times, 95), 2),
  };
}

export function recallTable(rows: RecallRow[]): string[] {
  return [
    '| questions | n | recall@1 | recall@5 | recall@10 |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${r.questions} | ${r.recall.r1.toFixed(3)} | ${r.recall.r5.toFixed(3)} | ${r.recall.r10.toFixed(3)} |`),
  ];
}
