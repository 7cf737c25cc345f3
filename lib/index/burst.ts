import type { Catalog } from './catalog.js';
import type { IndexedPage } from './indexed-page.js';

/**
 * A burst of external changes (a `git pull` or rsync of thousands of files) is applied by a full
 * rebuild in the build child instead of page by page in the server: reading and parsing that
 * many files here would hold up queries and leave the server with the garbage (and the FTS5
 * insert buffers in a WebAssembly heap that never shrinks), and a rebuild costs little more.
 */
const BURST_MIN_FILES = 2000;
const BURST_MIN_SHARE = 0.25;

export function isLargeBurst(files: number, indexedPages: number, minFiles = BURST_MIN_FILES): boolean {
  return files >= minFiles && files >= indexedPages * BURST_MIN_SHARE;
}

/** Content hash of every indexed file (pages and project manifests), by wiki-relative path. */
export function fingerprints(catalog: Catalog, manifestFiles: Map<string, IndexedPage['file']>): Map<string, string> {
  const out = new Map<string, string>();
  for (const page of catalog.all()) out.set(page.rel, page.file.hash);
  for (const [rel, file] of manifestFiles) out.set(rel, file.hash);
  return out;
}

/**
 * What a rebuild changed, as `apply` reports it: every path whose content differs, not only the
 * ones the burst named, because a file edited while the build ran is already indexed afterwards
 * and its own event would then find nothing to report (and nothing to commit).
 */
export function changesBetween(before: Map<string, string>, after: Map<string, string>): { updated: string[]; removed: string[] } {
  const updated: string[] = [];
  const removed: string[] = [];
  for (const [rel, hash] of after) if (before.get(rel) !== hash) updated.push(rel);
  for (const rel of before.keys()) if (!after.has(rel)) removed.push(rel);
  return { updated, removed };
}
