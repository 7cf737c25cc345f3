import type { SqlDatabase, SqlValue } from './sql-engine.js';
import type { ProjectManifest } from './catalog.js';
import type { IndexedPage } from './indexed-page.js';

export interface ManifestRecord {
  manifest: ProjectManifest;
  file: IndexedPage['file'];
}

/**
 * The SQLite side of the derived index: page metadata (so a warm start needs no re-parse) and
 * an FTS5 table over title, body and a metadata column (tags, summary, path words). Nothing
 * here is authoritative; the whole database can be deleted and rebuilt from the wiki.
 */
export const SCHEMA_VERSION = 3;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages(
  id INTEGER PRIMARY KEY,
  rel TEXT NOT NULL UNIQUE,
  record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS manifests(rel TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(
  title, body, meta, tokenize = 'porter unicode61 remove_diacritics 2'
);
`;

// bm25 column weights: a word in the title says more about a page than one in its body.
const BM25_WEIGHTS = '6.0, 1.0, 3.0';

export interface FtsMatch {
  id: number;
  /** bm25 rank: lower is better. */
  rank: number;
}

export interface FtsStore {
  readonly db: SqlDatabase;
  upsert(page: IndexedPage, body: string): void;
  /** Updates the stored record only (file identity changed, text did not). */
  saveRecord(page: IndexedPage): void;
  remove(id: number): void;
  allRecords(): IndexedPage[];
  upsertManifest(rel: string, record: ManifestRecord): void;
  removeManifest(rel: string): void;
  allManifests(): Array<{ rel: string; record: ManifestRecord }>;
  nextId(): number;
  match(expression: string, scopeKeys: string[] | null, limit: number): FtsMatch[];
  /** Highlighted excerpts for the given ids; markers are caller-chosen so the caller can escape. */
  snippets(expression: string, ids: number[], open: string, close: string): Map<number, string>;
  body(id: number): string | undefined;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  count(): number;
}

export function createFtsStore(db: SqlDatabase): FtsStore {
  db.exec(SCHEMA);
  return {
    db,
    upsert(page, body) {
      db.run('INSERT OR REPLACE INTO pages(id, rel, record) VALUES (?, ?, ?)', [page.id, page.rel, JSON.stringify(page)]);
      db.run('DELETE FROM pages_fts WHERE rowid = ?', [page.id]);
      db.run('INSERT INTO pages_fts(rowid, title, body, meta) VALUES (?, ?, ?, ?)', [
        page.id,
        page.title,
        body,
        metaText(page),
      ]);
    },
    saveRecord(page) {
      db.run('UPDATE pages SET record = ? WHERE id = ?', [JSON.stringify(page), page.id]);
    },
    remove(id) {
      db.run('DELETE FROM pages WHERE id = ?', [id]);
      db.run('DELETE FROM pages_fts WHERE rowid = ?', [id]);
    },
    allRecords() {
      return db.all<{ record: string }>('SELECT record FROM pages').map((row) => JSON.parse(row.record) as IndexedPage);
    },
    upsertManifest(rel, record) {
      db.run('INSERT OR REPLACE INTO manifests(rel, record) VALUES (?, ?)', [rel, JSON.stringify(record)]);
    },
    removeManifest(rel) {
      db.run('DELETE FROM manifests WHERE rel = ?', [rel]);
    },
    allManifests() {
      return db
        .all<{ rel: string; record: string }>('SELECT rel, record FROM manifests')
        .map((row) => ({ rel: row.rel, record: JSON.parse(row.record) as ManifestRecord }));
    },
    nextId() {
      return (db.get<{ id: number | null }>('SELECT max(id) AS id FROM pages')?.id ?? 0) + 1;
    },
    match(expression, scopeKeys, limit) {
      if (scopeKeys !== null && scopeKeys.length === 0) return [];
      const params: SqlValue[] = [expression];
      let filter = '';
      if (scopeKeys !== null) {
        // Scope filtering happens on the rel prefix, which is `<workspace>/<project>/`.
        filter = `AND (${scopeKeys.map(() => 'p.rel >= ? AND p.rel < ?').join(' OR ')})`;
        for (const key of scopeKeys) params.push(`${key}/`, `${key}0`);
      }
      params.push(limit);
      return db.all<FtsMatch>(
        `SELECT pages_fts.rowid AS id, bm25(pages_fts, ${BM25_WEIGHTS}) AS rank
         FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid
         WHERE pages_fts MATCH ? ${filter}
         ORDER BY rank LIMIT ?`,
        params,
      );
    },
    snippets(expression, ids, open, close) {
      const out = new Map<number, string>();
      if (ids.length === 0) return out;
      const rows = db.all<{ id: number; snippet: string }>(
        `SELECT rowid AS id, snippet(pages_fts, 1, ?, ?, '…', 24) AS snippet
         FROM pages_fts WHERE pages_fts MATCH ? AND rowid IN (${ids.map(() => '?').join(',')})`,
        [open, close, expression, ...ids],
      );
      for (const row of rows) out.set(row.id, row.snippet);
      return out;
    },
    body(id) {
      return db.get<{ body: string }>('SELECT body FROM pages_fts WHERE rowid = ?', [id])?.body;
    },
    getMeta(key) {
      return db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key])?.value;
    },
    setMeta(key, value) {
      db.run('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)', [key, value]);
    },
    count() {
      return db.get<{ n: number }>('SELECT count(*) AS n FROM pages')?.n ?? 0;
    },
  };
}

/** Tags, summary and the words of the path: findable, weighted between title and body. */
function metaText(page: IndexedPage): string {
  const pathWords = page.path.replace(/\.md$/, '').replace(/[/_.-]+/g, ' ');
  return [page.tags.join(' '), page.summary ?? '', pathWords].filter(Boolean).join('\n');
}
