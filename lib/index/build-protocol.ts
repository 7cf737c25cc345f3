/** Messages between the serving process and its index build child (build-child-main.ts). */
export interface BuildRequest {
  wikiDir: string;
  indexDir: string;
  /** The new database file to build (a name no index uses yet). */
  database: string;
  schema: number;
  /**
   * Also list the markdown files that differ from git's HEAD (a first start on files nobody
   * committed, a copied data dir): hashing every file is the other big job of a first start,
   * and the server would otherwise do it on its own thread while queries wait.
   */
  uncommitted?: boolean;
  /**
   * Also walk the whole git history and save it as history.json (a reindex): the walk reads
   * every tree of every commit (~10 s at 50k pages), time the server's writes need not wait for.
   */
  history?: boolean;
}

export type BuildChildMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  /** The database and its catalog are written and `pages.meta.json` names them. */
  | { type: 'done'; pages: number; savedAt: string }
  /** After `done`, when asked: the files that differ from HEAD (wiki-relative). */
  | { type: 'uncommitted'; paths: string[] }
  /** After `done`, when asked: whether history.json now holds the history up to HEAD. */
  | { type: 'history'; saved: boolean }
  | { type: 'failed'; message: string };
