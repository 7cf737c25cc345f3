import { pageLookupKeys } from '../core/links.js';
import type { ProjectManifest } from './catalog.js';
import { scopeOf, type IndexedPage } from './indexed-page.js';
import { attachLabels, labelsText, withoutLabels } from './lazy-labels.js';

/**
 * The link keys of a decoded catalog by number: `keys` lists each distinct key once, `numbers`
 * holds every link of `pages`, page after page, as its index in `keys`. The link graph loads
 * from these without looking 1.2M keys up in a Map (link-graph.ts). `own` (catalogs from v4 on)
 * holds each page's own lookup keys (core/links.ts `pageLookupKeys`) the same way, page `i`'s
 * at `own.numbers[own.starts[i] .. own.starts[i + 1]]`: computing and interning them was ~40% of
 * the graph's load at 50k pages.
 */
export interface LinkKeyNumbers {
  keys: string[];
  numbers: Int32Array;
  pages: IndexedPage[];
  own?: { numbers: Int32Array; starts: Int32Array };
}

/** A page's own lookup keys (core/links.ts `pageLookupKeys`) if known, else undefined. */
export type OwnKeysOf = (page: IndexedPage) => readonly string[] | undefined;

export interface ManifestRecord {
  rel: string;
  file: IndexedPage['file'];
  manifest: ProjectManifest;
}

const SLICE = 1000;
const NEWLINE = 0x0a;
const HEADER = '{"catalog":4,';
/** The previous formats: v3 (no own keys per page), v2 (keys written out in each page). */
const LINES_V3 = '{"catalog":3,';
const LINES_V2 = '{"catalog":2,';

/**
 * The catalog on disk: a first line with the project manifests and every distinct link key,
 * then one page per line (JSON.stringify never writes a raw newline), its links written as
 * numbers into that list of keys. Read back a line at a time, a 50k-page catalog never becomes
 * one string and one parse: that was ~200 MB of transient memory (a UTF-16 copy of the file and
 * the parser's garbage) that stayed resident after a warm start. The key list makes the file
 * ~half as large (1.2M links, 190k distinct keys at 50k pages) and hands every page the one
 * shared copy of each key, which the link graph then finds in its tables without hashing 1.2M
 * fresh strings (~3 s of a warm start). Since v4 a page line is `[own key numbers, page, labels]`:
 * the page's own lookup keys numbered into the same list, and its link labels as one string read
 * when first used (lazy-labels.ts). Written a slice of pages per turn of the
 * event loop. `ownKeysOf` hands over a page's own lookup keys where something already holds
 * them (the link graph), instead of computing them again for every page at every save.
 */
export async function encodeCatalog(pages: Iterable<IndexedPage>, manifests: ManifestRecord[], ownKeysOf?: OwnKeysOf): Promise<Uint8Array> {
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
    const own = (ownKeysOf?.(page) ?? pageLookupKeys(scopeOf(page), page.path, page.title)).map(idOf);
    const labels = labelsText(page);
    lines.push(`[${JSON.stringify(own)},${JSON.stringify({ ...withoutLabels(page), out: page.out.map(idOf) })}${labels === undefined ? '' : `,${JSON.stringify(labels)}`}]`);
    if (lines.length < SLICE) continue;
    parts.push(Buffer.from(`${lines.join('\n')}\n`));
    lines = [];
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (lines.length > 0) parts.push(Buffer.from(`${lines.join('\n')}\n`));
  return Buffer.concat([Buffer.from(`${HEADER}"manifests":${JSON.stringify(manifests)},"keys":${JSON.stringify(keys)}}\n`), ...parts]);
}

/**
 * Calls `onPage` for each page of an encoded catalog; returns its manifests and, for a catalog
 * with a key list, its links by number.
 */
export function decodeCatalog(bytes: Uint8Array, onPage: (page: IndexedPage) => void): { manifests: ManifestRecord[]; linkKeys?: LinkKeyNumbers } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buffer.toString('utf8', 0, HEADER.length);
  if (head !== HEADER && head !== LINES_V3 && head !== LINES_V2) return { manifests: decodeSingleDocument(buffer, onPage) };
  const withOwn = head === HEADER;
  let start = buffer.indexOf(NEWLINE);
  if (start < 0) throw new Error('the catalog has no page lines (truncated?)');
  const header = JSON.parse(buffer.toString('utf8', 0, start)) as { manifests: ManifestRecord[]; keys?: string[] };
  // Catalogs of the previous line format (no key list) hold their keys in each page.
  const keys = header.keys;
  if (withOwn && !Array.isArray(keys)) throw new Error('the catalog lists no keys (corrupt)');
  const pages: IndexedPage[] = [];
  let numbers: Int32Array = new Int32Array(keys ? 1 << 16 : 0);
  let links = 0;
  const own = withOwn ? new OwnNumbers() : null;
  for (start += 1; start < buffer.length; ) {
    let end = buffer.indexOf(NEWLINE, start);
    if (end < 0) end = buffer.length;
    if (end > start) {
      const line = JSON.parse(buffer.toString('utf8', start, end)) as IndexedPage | OwnLine;
      const page = own ? own.take(line as OwnLine, keys!) : (line as IndexedPage);
      if (keys) {
        if (links + page.out.length > numbers.length) numbers = grown(numbers, links + page.out.length);
        sharedKeys(page, keys, numbers, links);
        links += page.out.length;
        pages.push(page);
      }
      onPage(page);
    }
    start = end + 1;
  }
  if (!keys) return { manifests: header.manifests };
  return { manifests: header.manifests, linkKeys: { keys, numbers: numbers.slice(0, links), pages, ...(own ? { own: own.done() } : {}) } };
}

/** A page's fields that `eachPageHead` hands over (its links are left undecoded). */
export type PageHead = Pick<IndexedPage, 'rel' | 'path' | 'title' | 'tags'>;

/**
 * Calls `onPage` with each page of an encoded catalog, reading no links and keeping nothing: the
 * title worker builds its index from these while the main thread decodes the same bytes in full.
 * Every format `decodeCatalog` reads is read alike.
 */
export function eachPageHead(bytes: Uint8Array, onPage: (page: PageHead) => void): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buffer.toString('utf8', 0, HEADER.length);
  if (head !== HEADER && head !== LINES_V3 && head !== LINES_V2) {
    decodeSingleDocument(buffer, onPage);
    return;
  }
  let start = buffer.indexOf(NEWLINE);
  if (start < 0) throw new Error('the catalog has no page lines (truncated?)');
  for (start += 1; start < buffer.length; ) {
    let end = buffer.indexOf(NEWLINE, start);
    if (end < 0) end = buffer.length;
    if (end > start) onPage(headOfLine(buffer, start, end, head === HEADER));
    start = end + 1;
  }
}

const PAGE_START = 0x7b; // {
/**
 * Pages are written with their fields in one order (indexed-page.ts: id, rel, workspace, project,
 * path, title, kind, tier, pinned, tags, then supersedes), and JSON.stringify escapes every quote
 * inside a string, so the first `,"supersedes":` of a line ends the fields a title needs.
 */
const AFTER_HEAD = Buffer.from(',"supersedes":');

/** A page line's head, parsing only the bytes up to its links; the whole line when that fails. */
function headOfLine(buffer: Buffer, start: number, end: number, withOwn: boolean): PageHead {
  const open = withOwn ? buffer.indexOf(PAGE_START, start) : start;
  const cut = open >= 0 && open < end ? buffer.indexOf(AFTER_HEAD, open) : -1;
  if (cut > 0 && cut < end) {
    try {
      const head = JSON.parse(`${buffer.toString('utf8', open, cut)}}`) as PageHead;
      if (typeof head.rel === 'string' && typeof head.path === 'string' && typeof head.title === 'string' && Array.isArray(head.tags)) return head;
    } catch {
      // Fields in another order: read the whole line.
    }
  }
  const line = JSON.parse(buffer.toString('utf8', start, end)) as PageHead | OwnLine;
  const page = withOwn ? (line as OwnLine)[1] : (line as PageHead);
  if (typeof page !== 'object' || page === null) throw new Error('a catalog line holds no page (corrupt)');
  return page;
}

/** A page line of a v4 catalog: own key numbers, the page without its labels, the labels' text (lazy-labels.ts). */
type OwnLine = [number[], IndexedPage, string?];

/** The own key numbers of a v4 catalog's pages, gathered into one array as the lines are read. */
class OwnNumbers {
  private numbers: Int32Array = new Int32Array(1 << 16);
  private starts: Int32Array = new Int32Array(1 << 14);
  private pages = 0;

  /** Notes the own key numbers of one page line; returns its page. */
  take([own, page, labels]: OwnLine, keys: string[]): IndexedPage {
    if (!Array.isArray(own) || typeof page !== 'object' || page === null) throw new Error('a catalog line is not [own keys, page] (corrupt)');
    if (typeof labels === 'string') attachLabels(page, labels);
    const at = this.starts[this.pages]!;
    if (at + own.length > this.numbers.length) this.numbers = grown(this.numbers, at + own.length);
    if (this.pages + 2 > this.starts.length) this.starts = grown(this.starts, this.pages + 2);
    for (let i = 0; i < own.length; i++) {
      const number = own[i]!;
      if (keys[number] === undefined) throw new Error(`${page.rel} has own key ${String(number)}, which the catalog does not list (corrupt)`);
      this.numbers[at + i] = number;
    }
    this.starts[++this.pages] = at + own.length;
    return page;
  }

  done(): { numbers: Int32Array; starts: Int32Array } {
    return { numbers: this.numbers.slice(0, this.starts[this.pages]), starts: this.starts.slice(0, this.pages + 1) };
  }
}

/** Swaps a page's key numbers for the keys (in place: no array per page), noting the numbers at `at`. */
function sharedKeys(page: IndexedPage, keys: string[], numbers: Int32Array, at: number): void {
  const out = page.out as unknown as Array<number | string>;
  for (let i = 0; i < out.length; i++) {
    const number = out[i] as number;
    const key = keys[number];
    if (key === undefined) throw new Error(`${page.rel} links with key ${String(number)}, which the catalog does not list (corrupt)`);
    out[i] = key;
    numbers[at + i] = number;
  }
}

function grown(numbers: Int32Array, needed: number): Int32Array {
  const next = new Int32Array(Math.max(needed, numbers.length * 2));
  next.set(numbers);
  return next;
}

/** A catalog saved before the line format: one JSON document (an upgrade still starts warm). */
function decodeSingleDocument(buffer: Buffer, onPage: (page: IndexedPage) => void): ManifestRecord[] {
  const snapshot = JSON.parse(buffer.toString('utf8')) as { pages: IndexedPage[]; manifests: ManifestRecord[] };
  for (const page of snapshot.pages) onPage(page);
  return snapshot.manifests;
}
