import type { IndexedPage } from './indexed-page.js';
import type { ProjectManifest } from './catalog.js';

export interface ManifestRecord {
  rel: string;
  file: IndexedPage['file'];
  manifest: ProjectManifest;
}

const SLICE = 1000;
const NEWLINE = 0x0a;
const HEADER = '{"catalog":2,';

/**
 * The catalog on disk: a first line with the project manifests, then one page per line
 * (JSON.stringify never writes a raw newline). Read back a line at a time, a 50k-page catalog
 * (~100 MB) never becomes one string and one parse: that was ~200 MB of transient memory
 * (a UTF-16 copy of the file and the parser's garbage) that stayed resident after a warm start.
 * Written a slice of pages per turn of the event loop, straight to bytes.
 */
export async function encodeCatalog(pages: Iterable<IndexedPage>, manifests: ManifestRecord[]): Promise<Uint8Array> {
  const parts: Buffer[] = [Buffer.from(`${HEADER}"manifests":${JSON.stringify(manifests)}}\n`)];
  let lines: string[] = [];
  for (const page of pages) {
    lines.push(JSON.stringify(page));
    if (lines.length < SLICE) continue;
    parts.push(Buffer.from(`${lines.join('\n')}\n`));
    lines = [];
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (lines.length > 0) parts.push(Buffer.from(`${lines.join('\n')}\n`));
  return Buffer.concat(parts);
}

/** Calls `onPage` for each page of an encoded catalog and returns its manifests. */
export function decodeCatalog(bytes: Uint8Array, onPage: (page: IndexedPage) => void): ManifestRecord[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buffer.subarray(0, HEADER.length).equals(Buffer.from(HEADER))) return decodeSingleDocument(buffer, onPage);
  let start = buffer.indexOf(NEWLINE);
  if (start < 0) throw new Error('the catalog has no page lines (truncated?)');
  const header = JSON.parse(buffer.toString('utf8', 0, start)) as { manifests: ManifestRecord[] };
  for (start += 1; start < buffer.length; ) {
    let end = buffer.indexOf(NEWLINE, start);
    if (end < 0) end = buffer.length;
    if (end > start) onPage(JSON.parse(buffer.toString('utf8', start, end)) as IndexedPage);
    start = end + 1;
  }
  return header.manifests;
}

/** A catalog saved before the line format: one JSON document (an upgrade still starts warm). */
function decodeSingleDocument(buffer: Buffer, onPage: (page: IndexedPage) => void): ManifestRecord[] {
  const snapshot = JSON.parse(buffer.toString('utf8')) as { pages: IndexedPage[]; manifests: ManifestRecord[] };
  for (const page of snapshot.pages) onPage(page);
  return snapshot.manifests;
}
