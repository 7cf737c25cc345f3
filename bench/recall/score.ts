import { round } from '../stats.js';
import { QUESTION_CATEGORIES, type QuestionCategory, type RecallQuestion } from './spec.js';

export const KS = [1, 5, 10] as const;
/** `dev` is the development paraphrase set (bench/recall/dev-paraphrase.ts), tuned on like the tuning half. */
export type Half = 'tuning' | 'held-out' | 'dev';

/** Within each category the questions alternate: even positions tune, odd positions are held out. */
export function splitOf(questions: readonly RecallQuestion[]): Map<RecallQuestion, Half> {
  const seen = new Map<QuestionCategory, number>();
  const halves = new Map<RecallQuestion, Half>();
  for (const question of questions) {
    const n = seen.get(question.category) ?? 0;
    seen.set(question.category, n + 1);
    halves.set(question, n % 2 === 0 ? 'tuning' : 'held-out');
  }
  return halves;
}

export interface Scored {
  category: QuestionCategory;
  /** Share of the question answered within the first k hits, per k. */
  at: Record<number, number>;
  /** Reciprocal rank of the first expected page, 0 when absent from the first 10. */
  rr: number;
}

/**
 * One question's result. A question is answered at k when one of its pages is among the first
 * k hits; a multi-page question needs all of them, so it counts the share it got.
 */
export function scoreQuestion(question: RecallQuestion, expected: string[], hits: string[]): Scored {
  const wanted = new Set(expected);
  const ranks = hits.slice(0, 10).map((h, i) => (wanted.has(h) ? i + 1 : 0)).filter((r) => r > 0);
  const at: Record<number, number> = {};
  for (const k of KS) {
    const found = ranks.filter((r) => r <= k).length;
    at[k] = question.category === 'multi' ? found / wanted.size : found > 0 ? 1 : 0;
  }
  return { category: question.category, at, rr: ranks.length > 0 ? 1 / ranks[0]! : 0 };
}

export interface Row {
  label: string;
  questions: number;
  r1: number;
  r5: number;
  r10: number;
  mrr: number;
}

function row(label: string, results: Scored[]): Row {
  const mean = (f: (s: Scored) => number) => round(results.reduce((sum, s) => sum + f(s), 0) / Math.max(1, results.length), 3);
  return { label, questions: results.length, r1: mean((s) => s.at[1]!), r5: mean((s) => s.at[5]!), r10: mean((s) => s.at[10]!), mrr: mean((s) => s.rr) };
}

export function summarize(results: Scored[]): Row[] {
  return [...QUESTION_CATEGORIES.map((c) => row(c, results.filter((r) => r.category === c))), row('overall', results)];
}
