/** Messages between the serving process and its index build child (build-child-main.ts). */
export interface BuildRequest {
  wikiDir: string;
  indexDir: string;
  schema: number;
}

export type BuildChildMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'done'; pages: number; savedAt: string }
  | { type: 'failed'; message: string };
