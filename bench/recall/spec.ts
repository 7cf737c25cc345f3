/** One hand-written curated page of the recall wiki. */
export interface PageSpec {
  path: string;
  title: string;
  /** ISO date the page was written. */
  created: string;
  updated?: string;
  tags?: string[];
  aliases?: string[];
  /** Paths (without .md) of the pages this one replaces. */
  supersedes?: string[];
  body: string;
}

export const QUESTION_CATEGORIES = ['identifier', 'error', 'why', 'current', 'temporal', 'paraphrase', 'multi', 'typo'] as const;
export type QuestionCategory = (typeof QUESTION_CATEGORIES)[number];

export interface RecallQuestion {
  q: string;
  category: QuestionCategory;
  /** Pages that answer it: a page path, or `session:<key>` / `handoff:<key>` for captured ones. */
  expect: string[];
  /** The day the question is asked (relative time words are read against it). */
  asked?: string;
}
