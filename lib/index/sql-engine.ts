import { rmSync } from 'node:fs';
import sqlite from 'node-sqlite3-wasm';
import type { Statement } from 'node-sqlite3-wasm';

/**
 * A small adapter over node-sqlite3-wasm (SQLite with FTS5, compiled to WebAssembly, reading and
 * writing its database file through node:fs). Everything else in lib/index talks to this
 * interface, so `node:sqlite` (Node 22+) can replace the engine without touching the index code.
 *
 * The database lives in a file, not in the WebAssembly heap: only SQLite's page cache is held in
 * memory (WebAssembly memory never shrinks, so a whole in-memory database would stay resident
 * for as long as the server runs), and nothing has to be exported to save it.
 */
export type SqlValue = string | number | null | Uint8Array;

export interface SqlDatabase {
  /** The database file, or null for a database held in memory (tests, an unwritable index dir). */
  readonly file: string | null;
  /** Runs one or more statements without parameters (schema, pragmas). */
  exec(sql: string): void;
  run(sql: string, params?: SqlValue[]): void;
  all<T>(sql: string, params?: SqlValue[]): T[];
  get<T>(sql: string, params?: SqlValue[]): T | undefined;
  transaction<T>(work: () => T): T;
  /**
   * Calls `listener` after each outermost transaction ends, with whether it committed: work that
   * must follow a commit (and be dropped on a rollback) without every caller remembering it.
   */
  onTransactionEnd(listener: (committed: boolean) => void): void;
  close(): void;
}

/** SQLite's page cache, in KiB: enough for the FTS5 structure records and hot doclists. */
const CACHE_KIB = 8192;

/**
 * Opens (or creates) the database at `file`, or one in memory when `file` is null.
 * `mustExist` refuses to create a missing file (a warm start must not start from nothing).
 */
export function openSqlDatabase(file: string | null = null, options: { mustExist?: boolean; readOnly?: boolean } = {}): SqlDatabase {
  if (file !== null) {
    // The engine locks a database by creating `<file>.lock` and removes it on close; a server
    // that was killed leaves it behind and SQLite would then report the file busy forever. The
    // data dir's own lock already guarantees that no other server uses this index.
    rmSync(`${file}.lock`, { recursive: true, force: true });
  }
  const db = new sqlite.Database(file ?? ':memory:', { fileMustExist: options.mustExist ?? false, readOnly: options.readOnly ?? false });
  try {
    // A reader (top-rows-reader.ts) changes nothing: no journal, nothing to lock for writing.
    if (options.readOnly) {
      db.exec(`PRAGMA cache_size = -${CACHE_KIB};`);
      return wrap(db, file);
    }
    // One process owns the file: the exclusive lock is taken once instead of per statement, and
    // the page cache stays valid between transactions. The rollback journal (truncated, not
    // deleted, after each commit) keeps the file whole if the process dies in a commit; no
    // fsync, because a power loss at worst costs a rebuild of this derived index.
    db.exec(`PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = ${file === null ? 'MEMORY' : 'TRUNCATE'}; PRAGMA synchronous = OFF; PRAGMA cache_size = -${CACHE_KIB};`);
  } catch (error) {
    db.close();
    throw error;
  }
  return wrap(db, file);
}

function wrap(db: InstanceType<typeof sqlite.Database>, file: string | null): SqlDatabase {
  // Prepared statements are cached by text and finalized on close (the engine does not
  // garbage-collect them).
  const statements = new Map<string, Statement>();
  const transactionEnd: Array<(committed: boolean) => void> = [];
  let depth = 0;

  const prepare = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  // A statement whose last step failed (an FTS5 syntax error, say) cannot be reset for the next
  // call: it is dropped from the cache and prepared again when needed.
  const using = <T>(sql: string, work: (statement: Statement) => T): T => {
    const statement = prepare(sql);
    try {
      return work(statement);
    } catch (error) {
      statements.delete(sql);
      try {
        statement.finalize();
      } catch {
        // finalize reports the same failure again
      }
      throw error;
    }
  };

  return {
    file,
    exec(sql) {
      db.exec(sql);
    },
    run(sql, params) {
      using(sql, (statement) => statement.run(params ?? []));
    },
    all: <T>(sql: string, params?: SqlValue[]) => using(sql, (statement) => statement.all(params ?? []) as T[]),
    // Stepped to the end, not just to the first row: a statement left on a row would keep its
    // read open. Every `get` here reads a single row anyway.
    get: <T>(sql: string, params?: SqlValue[]) => using(sql, (statement) => statement.all(params ?? [])[0] as T | undefined),
    transaction(work) {
      if (depth > 0) return work();
      depth += 1;
      db.exec('BEGIN');
      let committed = false;
      try {
        const result = work();
        db.exec('COMMIT');
        committed = true;
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      } finally {
        // Even when the rollback itself fails: a depth left above 0 would run every later
        // transaction without BEGIN.
        depth -= 1;
        for (const listener of transactionEnd) listener(committed);
      }
    },
    onTransactionEnd(listener) {
      transactionEnd.push(listener);
    },
    close() {
      for (const statement of statements.values()) statement.finalize();
      statements.clear();
      if (db.isOpen) db.close();
    },
  };
}
