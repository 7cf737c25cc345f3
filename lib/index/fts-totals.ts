import type { SqlDatabase } from './sql-engine.js';

/**
 * Keeps the totals bm25 reads (rows in the table, tokens per column) true to the rows that are
 * left. SQLite's FTS5 does not take a row deleted from a `contentless_delete=1` table out of its
 * totals (measured on SQLite 3.53.4): every page rewrite (delete, then insert) adds a row and
 * its tokens for good. The idf of every word and the average page length then drift away from
 * what a fresh build of the same pages gives, further with every edit of a long-lived wiki, and
 * the score bounds of fts-top-k.ts no longer match the scores. So the sizes of each row about to
 * be deleted are read from the table's docsize (where FTS5 keeps them) and subtracted from the
 * totals record after the transaction commits: FTS5 writes the totals it holds in memory when
 * a transaction commits, so a correction inside the transaction would be overwritten.
 */
export class FtsTotals {
  /** Per table: [rows, tokens of column 1, column 2, ...] deleted since the last commit. */
  private readonly deleted = new Map<string, number[]>();

  constructor(private readonly db: SqlDatabase) {
    db.onTransactionEnd((committed) => {
      if (committed) this.settle();
      this.deleted.clear();
    });
  }

  /** Call inside the transaction, right before `DELETE FROM <table> WHERE rowid = id`. */
  noteDelete(table: string, id: number): void {
    const row = this.db.get<{ sz: Uint8Array }>(`SELECT sz FROM ${table}_docsize WHERE id = ?`, [id]);
    if (!row) return;
    const sizes = readVarints(row.sz);
    const sum = this.deleted.get(table) ?? new Array<number>(sizes.length + 1).fill(0);
    sum[0]! += 1;
    sizes.forEach((size, i) => (sum[i + 1]! += size));
    this.deleted.set(table, sum);
  }

  /**
   * Recounts a table's totals from its docsize when the row count FTS5 holds differs from the
   * rows it has: an index written before this fix, or a crash between a commit and its
   * correction. Returns whether it rewrote them.
   */
  repair(table: string): boolean {
    const stored = storedTotals(this.db, table);
    if (stored === null) return false;
    const rows = this.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}_docsize`)?.n ?? 0;
    if (stored[0] === rows) return false;
    const totals = new Array<number>(stored.length).fill(0);
    totals[0] = rows;
    for (const { sz } of this.db.all<{ sz: Uint8Array }>(`SELECT sz FROM ${table}_docsize`)) {
      readVarints(sz).forEach((size, i) => (totals[i + 1]! += size));
    }
    this.write(table, totals);
    return true;
  }

  private settle(): void {
    for (const [table, sum] of this.deleted) {
      const stored = storedTotals(this.db, table);
      if (stored === null) continue;
      this.write(table, stored.map((total, i) => Math.max(0, total - (sum[i] ?? 0))));
    }
  }

  private write(table: string, totals: number[]): void {
    this.db.run(`UPDATE ${table}_data SET block = ? WHERE id = 1`, [Uint8Array.from(totals.flatMap(varint))]);
  }
}

/** FTS5's totals record (row 1 of `<table>_data`): the row count, then tokens per column. */
function storedTotals(db: SqlDatabase, table: string): number[] | null {
  const row = db.get<{ block: Uint8Array }>(`SELECT block FROM ${table}_data WHERE id = 1`);
  return row ? readVarints(row.block) : null;
}

/**
 * The average row length bm25 divides each row's length by: the tokens of every column
 * (the weight-0 scope column too) over the rows, as FTS5's bm25 reads them (fts5_aux.c).
 */
export function ftsAverageLength(db: SqlDatabase, table: string): number {
  const totals = storedTotals(db, table);
  if (totals === null || totals[0] === 0) return 0;
  return totals.slice(1).reduce((sum, n) => sum + n, 0) / totals[0]!;
}

/** FTS5's row count as bm25 reads it: the first number of the table's totals record. */
export function ftsRowCount(db: SqlDatabase, table: string): number {
  return storedTotals(db, table)?.[0] ?? 0;
}

/** SQLite's variable-length integers: 7 bits a byte, most significant first, high bit = more. */
export function readVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let value = 0;
    for (let n = 0; i < bytes.length; n++) {
      const byte = bytes[i++]!;
      // The ninth byte of a SQLite varint carries 8 bits; counts here never get that large.
      if (n === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
    out.push(value);
  }
  return out;
}

export function varint(value: number): number[] {
  const bytes = [value % 128];
  let rest = Math.floor(value / 128);
  while (rest > 0) {
    bytes.unshift((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  return bytes;
}
