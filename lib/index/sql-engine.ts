import initSqlJsModule from 'fts5-sql-bundle';
import type { Database, SqlJsStatic, Statement } from 'fts5-sql-bundle';

/**
 * A small adapter over the sql.js API (the fts5-sql-bundle build, which has FTS5). Everything
 * else in lib/index talks to this interface, so `node:sqlite` (Node 22+) or node-sqlite3-wasm
 * can replace the engine without touching the index code.
 */
export type SqlValue = string | number | null | Uint8Array;

export interface SqlDatabase {
  /** Runs one or more statements without parameters (schema, pragmas). */
  exec(sql: string): void;
  run(sql: string, params?: SqlValue[]): void;
  all<T>(sql: string, params?: SqlValue[]): T[];
  get<T>(sql: string, params?: SqlValue[]): T | undefined;
  transaction<T>(work: () => T): T;
  /** A byte image of the whole database, loadable with `openSqlDatabase(bytes)`. */
  export(): Uint8Array;
  close(): void;
}

// The module ships CommonJS; its ESM namespace puts the init function on `default`.
const initSqlJs = ((initSqlJsModule as unknown as { default?: unknown }).default ?? initSqlJsModule) as () => Promise<SqlJsStatic>;

// The WASM module is compiled once per process; databases are created per index.
let engine: Promise<SqlJsStatic> | undefined;

export async function openSqlDatabase(bytes?: Uint8Array): Promise<SqlDatabase> {
  engine ??= initSqlJs();
  const SQL = await engine;
  const db = bytes ? new SQL.Database(bytes) : new SQL.Database();
  return wrap(db);
}

function wrap(db: Database): SqlDatabase {
  // Prepared statements are cached by text; sql.js frees them all on export(), so the cache
  // is dropped there too.
  const statements = new Map<string, Statement>();
  let depth = 0;

  const prepare = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  const rows = <T>(sql: string, params: SqlValue[] | undefined, limit: number): T[] => {
    const statement = prepare(sql);
    try {
      if (params && params.length > 0) statement.bind(params);
      const out: T[] = [];
      while (out.length < limit && statement.step()) out.push(statement.getAsObject() as T);
      return out;
    } finally {
      statement.reset();
    }
  };

  return {
    exec(sql) {
      db.exec(sql);
    },
    run(sql, params) {
      const statement = prepare(sql);
      try {
        statement.run(params ?? []);
      } finally {
        statement.reset();
      }
    },
    all: <T>(sql: string, params?: SqlValue[]) => rows<T>(sql, params, Number.POSITIVE_INFINITY),
    get: <T>(sql: string, params?: SqlValue[]) => rows<T>(sql, params, 1)[0],
    transaction(work) {
      if (depth > 0) return work();
      depth += 1;
      db.exec('BEGIN');
      try {
        const result = work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      } finally {
        depth -= 1;
      }
    },
    export() {
      statements.clear();
      return db.export();
    },
    close() {
      statements.clear();
      db.close();
    },
  };
}
