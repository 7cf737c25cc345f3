import { linkSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openSqlDatabase, type SqlDatabase } from './sql-engine.js';

/**
 * Reads a database file that the server holds open, from another process: the engine locks a
 * file by creating `<file>.lock`, and the server keeps that lock for as long as it runs. A hard
 * link is the same file under another name, hence another lock, and costs no copy; opened
 * read-only it is never written through. What is read is only consistent while the server
 * writes nothing: the server checks that (FtsStore.changeCount) before using what was computed.
 * The link is named like a database file so that a link left by a killed process is removed
 * with the other stale index files (persist.ts removeStale).
 */
export function withReadOnlyLink<T>(database: string, work: (db: SqlDatabase) => T): T {
  const link = join(dirname(database), `pages-${process.pid.toString(36)}r${Date.now().toString(36)}.sqlite`);
  linkSync(database, link);
  try {
    const db = openSqlDatabase(link, { mustExist: true, readOnly: true });
    try {
      return work(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(link, { force: true });
    rmSync(`${link}.lock`, { recursive: true, force: true });
  }
}
