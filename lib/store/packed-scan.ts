import type { FileInfo } from './wiki-files.js';

const SEPARATOR = '\0';

/** A scan's files as one string of paths (NUL-separated: no file name holds a NUL, a newline it may) and three numbers per file. */
export interface PackedScan {
  rels: string;
  /** size, mtimeMs, ctimeMs of each file, in the order of `rels`. */
  stats: Float64Array;
}

export function packScan(files: FileInfo[]): PackedScan {
  const stats = new Float64Array(files.length * 3);
  files.forEach((file, i) => {
    stats[i * 3] = file.size;
    stats[i * 3 + 1] = file.mtimeMs;
    stats[i * 3 + 2] = file.ctimeMs;
  });
  return { rels: files.map((file) => file.rel).join(SEPARATOR), stats };
}

export function unpackScan({ rels, stats }: PackedScan): FileInfo[] {
  if (rels === '') return [];
  const names = rels.split(SEPARATOR);
  if (names.length * 3 !== stats.length) throw new Error(`a packed scan holds ${names.length} paths and ${stats.length / 3} stats`);
  return names.map((rel, i) => ({ rel, size: stats[i * 3]!, mtimeMs: stats[i * 3 + 1]!, ctimeMs: stats[i * 3 + 2]! }));
}
