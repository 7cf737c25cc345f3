import type { IndexedPage } from './indexed-page.js';
import type { ProjectManifest } from './catalog.js';

export interface ManifestRecord {
  rel: string;
  file: IndexedPage['file'];
  manifest: ProjectManifest;
}

const SLICE = 1000;
const NEWLINE = 0x0a;
const HEADER = '{"catalog":3,';
const LINES_V2 = '{"catalog":2,';

/**
 * The catalog on disk: a first line with the project manifests and every distinct link key,
 * then one page per line (JSON.stringify never writes a raw newline), its links written as
 * numbers into that list of keys. Read back a line at a time, a 50k-page catalog never becomes
 * one string and one parse: that was ~200 MB of transient memory (a UTF-16 copy of the file and
 * the parser's garbage) that stayed resident after a warm start. The key list makes the file
 * ~half as large (1.2M links, 190k distinct keys at 50k pages) and hands every page the one
 * shared copy of each key, which the link graph then finds in its tables without hashing 1.2M
 * fresh strings (~3 s of a warm start). Written a slice of pages per turn of the event loop.
 */
export async function encodeCatalog(pages: Iterable<IndexedPage>, manifests: ManifestRecord[]): Promise<Uint8Array> {
  const keys: string[] = [];
  const keyIds = new Map<string, number>();
  const idOf = (key: string) => {
    let id = keyIds.get(key);
    if (id === undefined) keyIds.set(key, (id = keys.push(key) - 1));
    return id;
  };
  const parts: Buffer[] = [];
  let lines: string[] = [];
  for (const page of pages) {
    lines.push(JSON.stringify({ ...page, out: page.out.map(idOf) }));
    if (lines.length < SLICE) continue;
    parts.push(Buffer.from(`${lines.join('\n')}\n`));
    lines = [];
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (lines.length > 0) parts.push(Buffer.from(`${lines.join('\n')}\n`));
  return Buffer.concat([Buffer.from(`${HEADER}"manifests":${JSON.stringify(manifests)},"keys":${JSON.stringify(keys)}}\n`), ...parts]);
}

/** Calls `onPage` for each page of an encoded catalog and returns its manifests. */
export function decodeCatalog(bytes: Uint8Array, onPage: (page: IndexedPage) => void): ManifestRecord[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buffer.toString('utf8', 0, HEADER.length);
  if (head !== HEADER && head !== LINES_V2) return decodeSingleDocument(buffer, onPage);
  let start = buffer.indexOf(NEWLINE);
  if (start < 0) throw new Error('the catalog has no page lines (truncated?)');
  const header = JSON.parse(buffer.toString('utf8', 0, start)) as { manifests: ManifestRecord[]; keys?: string[] };
  // Catalogs of the previous line format (no key list) hold their keys in each page.
  const keys = header.keys;
  for (start += 1; start < buffer.length; ) {
    let end = buffer.indexOf(NEWLINE, start);
    if (end < 0) end = buffer.length;
    if (end > start) {
      const page = JSON.parse(buffer.toString('utf8', start, end)) as IndexedPage;
      if (keys) sharedKeys(page, keys);
      onPage(page);
    }
    start = end + 1;
  }
  return header.manifests;
}

/** Swaps a page's key numbers for the keys (in place: no array per page). */
function sharedKeys(page: IndexedPage, keys: string[]): void {
  const out = page.out as unknown as Array<number | string>;
  for (let i = 0; i < out.length; i++) {
    const key = keys[out[i] as number];
    if (key === undefined) throw new Error(`${page.rel} links with key ${String(out[i])}, which the catalog does not list (corrupt)`);
    out[i] = key;
  }
}

/** A catalog saved before the line format: one JSON document (an upgrade still starts warm). */
function decodeSingleDocument(buffer: Buffer, onPage: (page: IndexedPage) => void): ManifestRecord[] {
  const snapshot = JSON.parse(buffer.toString('utf8')) as { pages: IndexedPage[]; manifests: ManifestRecord[] };
  for (const page of snapshot.pages) onPage(page);
  return snapshot.manifests;
}
