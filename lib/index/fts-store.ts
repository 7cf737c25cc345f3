import type { ProjectManifest } from './catalog.js';
import type { IndexedPage } from './indexed-page.js';
import { rowCounts } from './fts-row-counts.js';
import { topK } from './fts-top-k.js';
import type { ListsInUse } from './fts-top-k-lists.js';
import type { TopRows } from './top-rows.js';
import { FtsTotals } from './fts-totals.js';
import type { SqlDatabase } from './sql-engine.js';

export interface ManifestRecord {
  manifest: ProjectManifest;
  file: IndexedPage['file'];
}

/**
 * The SQLite side of the derived index: an FTS5 table over title, body and a metadata column
 * (tags, summary, path words), plus a `scope` column holding one numeric token per project so
 * that project filtering happens inside FTS5. The table is contentless: the text already lives
 * in the wiki files, and storing it again would nearly triple the database (~117 MB instead of
 * ~42 MB at 10k pages); snippets are cut from the files instead. Page metadata lives in the
 * catalog (persisted beside this database), not here.
 *
 * A second table holds each page's vocabulary (vocabulary.ts: its aliases and the words other
 * pages link to it with), one row per page that has any, under the page's own row id. It is
 * separate because it changes when other pages change: rewriting it never needs the page body.
 * Version 10 added it.
 */
export const SCHEMA_VERSION = 10;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(
  title, body, meta, scope, content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS vocab_fts USING fts5(
  words, scope, content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
`;

// bm25 column weights: a word in the title says more about a page than one in its body; the
// scope column only filters and must not score.
export const BM25_PAGE_WEIGHTS = '6.0, 1.0, 3.0, 0.0';
const BM25_WEIGHTS = BM25_PAGE_WEIGHTS;

/** What the FTS table needs of a page: small enough to post to a worker cheaply. */
export interface FtsRow {
  id: number;
  title: string;
  /** Plain text (markdown syntax stripped). */
  body: string;
  meta: string;
  scopeKey: string;
}

export function ftsRow(page: IndexedPage, plainBody: string): FtsRow {
  return { id: page.id, title: page.title, body: plainBody, meta: metaText(page), scopeKey: `${page.workspace}/${page.project}` };
}

export interface FtsMatch {
  id: number;
  /** bm25 rank: lower is better. */
  rank: number;
}

export interface FtsStore {
  readonly db: SqlDatabase;
  upsert(row: FtsRow): void;
  /** Inserts a page known not to be in the store yet (a fresh rebuild): no delete first. */
  /**
   * `body`, when given, is the row's body as UTF-8 bytes: FTS5 tokenizes a blob exactly as the
   * same text, and nothing is stored (contentless), while the engine's binding of a string
   * converts it to UTF-8 character by character in JavaScript (a rebuild's worker, ~6 % of it).
   */
  insertFresh(row: FtsRow, body?: string | Uint8Array): void;
  /** Bulk-load mode for a rebuild: fewer segment merges while inserting (more segments after). */
  setBulkLoad(on: boolean): void;
  remove(id: number): void;
  /** Best matches of an FTS5 expression, within the given `<workspace>/<project>` keys or everywhere. */
  match(expression: string, scopeKeys: string[] | null, limit: number): FtsMatch[];
  /** Replaces a page's vocabulary row; empty words remove it. */
  setVocabulary(id: number, scopeKey: string, words: string): void;
  /** Adds the vocabulary row of a page known to have none yet (a fresh rebuild): no delete first. */
  insertVocabularyFresh(id: number, scopeKey: string, words: string): void;
  /** Best vocabulary matches of an FTS5 expression, like `match`. */
  matchVocabulary(expression: string, scopeKeys: string[] | null, limit: number): FtsMatch[];
  /** How many pages the given `<workspace>/<project>` keys hold. */
  scopePages(scopeKeys: string[]): number;
  /** Row ids of the pages within the scopes holding a phrase, at most `limit` of them. */
  scopedRows(phrase: string, scopeKeys: string[], limit: number): number[];
  /** How many pages hold a phrase, within the scopes or everywhere, and how many pages there are (counted once per change of the table). */
  share(phrase: string, scopeKeys: string[] | null): { holding: number; pages: number };
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  /**
   * The catalog generation (persist.ts) this database matches exactly, or undefined once a page
   * changed after that catalog was saved: the database file is written as pages change, the
   * catalog only now and then, so after a crash the database may hold rows the catalog lacks.
   */
  savedGeneration(): string | undefined;
  /** Records that the database now matches the catalog saved as `generation`. */
  markSaved(generation: string): void;
  /** Deletes the rows of every page id not in `ids` (rows written after the catalog was saved); returns how many. */
  keepOnly(ids: ReadonlySet<number>): number;
  /** SQLite's structural check of every page of the file: null when intact, else what is wrong. */
  damage(): string | null;
  /**
   * Starts answering with top-rows lists (top-rows.ts) computed from this database as it was
   * when `generation` was saved, plus the rows changed since that they name; null stops.
   */
  useTopRows(topRows: TopRows | null): void;
  /** The lists in use, with every row changed since they were computed; null when none. */
  topRows(): TopRows | null;
  /** Rows this connection has written since it opened (SQLite's total_changes()). */
  changeCount(): number;
}

// Past this share of the table changed since the lists were computed, they are dropped: the
// changed rows are scored on every query, and the bounds loosen as the average length moves.
const TOP_ROWS_MAX_CHANGED = 0.05;


export function createFtsStore(db: SqlDatabase): FtsStore {
  db.exec(SCHEMA);
  const totals = new FtsTotals(db);
  // An index written before the totals were corrected (or a crash right after a commit).
  for (const table of ['pages_fts', 'vocab_fts']) totals.repair(table);
  const getMeta = (key: string) => db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key])?.value;
  let saved = getMeta('generation');
  // Before the first change after a save, in the same transaction: the marker can never claim
  // a match that a crash undid.
  const changing = () => {
    if (saved === undefined) return;
    saved = undefined;
    db.run("DELETE FROM meta WHERE key = 'generation'");
  };
  const setMeta = (key: string, value: string) => {
    changing();
    db.run('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)', [key, value]);
  };

  // Project keys map to small numbers, stored in the database so the mapping travels with it.
  const scopeIds = new Map<string, number>(Object.entries(JSON.parse(getMeta('scopes') ?? '{}') as Record<string, number>));
  const scopeToken = (key: string, create: boolean): string | null => {
    let id = scopeIds.get(key);
    if (id === undefined) {
      if (!create) return null;
      id = scopeIds.size + 1;
      scopeIds.set(key, id);
      setMeta('scopes', JSON.stringify(Object.fromEntries(scopeIds)));
    }
    // Letters around the number keep the porter stemmer off it and make a collision with a
    // real query word practically impossible; the token lives only in the `scope` column.
    return `zs${id}q`;
  };

  const scopeFilter = (scopeKeys: string[]): string | null => {
    const tokens = scopeKeys.map((key) => scopeToken(key, false)).filter((t): t is string => t !== null);
    return tokens.length === 0 ? null : `scope: (${tokens.map((t) => `"${t}"`).join(' OR ')})`;
  };

  let lists: (ListsInUse & { changed: Set<number> }) | null = null;
  // `changed` as JSON, made again only after it grew.
  let changedJson: string | null = null;
  const useTopRows = (topRows: TopRows | null) => {
    changedJson = null;
    lists = topRows === null || topRows.lists.size === 0 ? null : { topRows, changed: new Set(topRows.changed), changedJson: () => (changedJson ??= JSON.stringify([...(lists?.changed ?? [])])) };
  };
  // Before every insert, rewrite or delete of a page row: from then on it is scored whatever the lists say.
  const touched = (id: number) => {
    if (lists === null) return;
    lists.changed.add(id);
    changedJson = null;
    if (lists.changed.size > TOP_ROWS_MAX_CHANGED * lists.topRows.rows) lists = null;
  };

  const matchIn = (table: string, weights: string, expression: string, scopeKeys: string[] | null, limit: number): FtsMatch[] => {
    // No column filter on the query words: it doubles the cost of scoring, and the only
    // other column holds scope tokens that no real word equals.
    let scope = '';
    if (scopeKeys !== null) {
      const tokens = scopeKeys.map((key) => scopeToken(key, false)).filter((t): t is string => t !== null);
      if (tokens.length === 0) return [];
      scope = ` AND scope: (${tokens.map((t) => `"${t}"`).join(' OR ')})`;
    }
    return topK(db, { table, weights, words: expression, scope, limit }, table === 'pages_fts' ? lists : null);
  };

  // Every delete goes through here, so the totals bm25 reads lose the row too (fts-totals.ts).
  const deleteRow = (table: 'pages_fts' | 'vocab_fts', id: number) => {
    if (table === 'pages_fts') touched(id);
    totals.noteDelete(table, id);
    db.run(`DELETE FROM ${table} WHERE rowid = ?`, [id]);
  };

  const insertVocabulary = (id: number, scopeKey: string, words: string) => {
    if (words.trim() !== '') db.run('INSERT INTO vocab_fts(rowid, words, scope) VALUES (?, ?, ?)', [id, words, scopeToken(scopeKey, true)]);
  };

  const insertFresh = (row: FtsRow, body: string | Uint8Array = row.body) => {
    changing();
    touched(row.id);
    const scope = scopeToken(row.scopeKey, true);
    db.run('INSERT INTO pages_fts(rowid, title, body, meta, scope) VALUES (?, ?, ?, ?, ?)', [row.id, row.title, body, row.meta, scope]);
  };

  return {
    db,
    upsert(row) {
      db.transaction(() => {
        changing();
        deleteRow('pages_fts', row.id);
        insertFresh(row);
      });
    },
    insertFresh,
    setBulkLoad(on) {
      // FTS5 merges index segments as it goes (automerge 4); merging less often during a
      // rebuild saves about a quarter of the build time.
      db.run("INSERT INTO pages_fts(pages_fts, rank) VALUES('automerge', ?)", [on ? 16 : 4]);
    },
    remove(id) {
      db.transaction(() => {
        changing();
        deleteRow('pages_fts', id);
        deleteRow('vocab_fts', id);
      });
    },
    setVocabulary(id, scopeKey, words) {
      db.transaction(() => {
        changing();
        deleteRow('vocab_fts', id);
        insertVocabulary(id, scopeKey, words);
      });
    },
    insertVocabularyFresh(id, scopeKey, words) {
      changing();
      insertVocabulary(id, scopeKey, words);
    },
    matchVocabulary(expression, scopeKeys, limit) {
      return matchIn('vocab_fts', '1.0, 0.0', expression, scopeKeys, limit);
    },
    match(expression, scopeKeys, limit) {
      return matchIn('pages_fts', BM25_WEIGHTS, expression, scopeKeys, limit);
    },
    scopePages(scopeKeys) {
      const scope = scopeFilter(scopeKeys);
      // Kept with the phrase counts until the table changes: a scoped search asks it every time.
      return scope === null ? 0 : rowCounts(db).holding('pages_fts', scope);
    },
    share(phrase, scopeKeys) {
      const counts = rowCounts(db);
      if (scopeKeys === null) return { holding: counts.holding('pages_fts', phrase), pages: counts.rows('pages_fts') };
      const scope = scopeFilter(scopeKeys);
      return scope === null ? { holding: 0, pages: 0 } : { holding: counts.holding('pages_fts', `${phrase} AND ${scope}`), pages: counts.holding('pages_fts', scope) };
    },
    scopedRows(phrase, scopeKeys, limit) {
      const scope = scopeFilter(scopeKeys);
      if (scope === null) return [];
      return db.all<{ id: number }>('SELECT rowid AS id FROM pages_fts WHERE pages_fts MATCH ? LIMIT ?', [`${phrase} AND ${scope}`, limit]).map((r) => r.id);
    },
    getMeta,
    setMeta,
    savedGeneration: () => saved,
    markSaved(generation) {
      db.run("INSERT OR REPLACE INTO meta(key, value) VALUES ('generation', ?)", [generation]);
      saved = generation;
    },
    keepOnly(ids) {
      let dropped = 0;
      db.transaction(() => {
        for (const table of ['pages_fts', 'vocab_fts'] as const) {
          // A contentless table still lists its row ids; the stray ones are few.
          const stray = db.all<{ id: number }>(`SELECT rowid AS id FROM ${table}`).filter((row) => !ids.has(row.id));
          if (stray.length > 0) changing();
          for (const { id } of stray) deleteRow(table, id);
          if (table === 'pages_fts') dropped = stray.length;
        }
      });
      return dropped;
    },
    useTopRows,
    topRows: () => (lists === null ? null : { ...lists.topRows, changed: [...lists.changed] }),
    changeCount: () => db.get<{ n: number }>('SELECT total_changes() AS n')?.n ?? 0,
    damage() {
      const result = db.get<{ quick_check: string }>('PRAGMA quick_check(1)')?.quick_check ?? 'no answer';
      return result === 'ok' ? null : result;
    },
  };
}

/** Tags, summary and the words of the path: findable, weighted between title and body. */
function metaText(page: IndexedPage): string {
  const pathWords = page.path.replace(/\.md$/, '').replace(/[/_.-]+/g, ' ');
  return [page.tags.join(' '), page.summary ?? '', pathWords].filter(Boolean).join('\n');
}
