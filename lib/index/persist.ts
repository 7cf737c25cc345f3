import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { writeFileAtomic } from '../store/atomic-write.js';
import type { HistorySnapshot } from './history-index.js';

/**
 * The derived index on disk:
 * - `pages-<id>.sqlite`: the FTS database, written in place by SQLite as pages change;
 * - `catalog-<generation>.json`: page records and project manifests, saved now and then;
 * - `pages.meta.json`: which database and catalog form the index, the schema, and the size and
 *   CRC-32 of the catalog;
 * - `toprows-<generation>.json`: top-rows lists of the database as saved with that catalog (top-rows.ts);
 * - `history.json`.
 * Files get fresh names instead of being overwritten, so that writing `pages.meta.json`
 * (atomically) is the single step that switches to a new index: a build writes its database and
 * catalog beside the ones in use and a crash at any point leaves either the old or the new pair.
 * Files the meta no longer names are removed. A missing, truncated or corrupt part is reported
 * as a reason string and the caller rebuilds.
 */
interface IndexMeta {
  /** Version of this layout; indexes written before it (a single `pages.sqlite` image) have none. */
  layout: 2;
  schema: number;
  database: string;
  catalog: { file: string; bytes: number; crc32: number };
  /** Identifies this catalog; the database records it while it still matches it exactly. */
  generation: string;
  saved_at: string;
}

const LAYOUT = 2;
const META = 'pages.meta.json';

export interface SavedCatalog {
  generation: string;
  savedAt: string;
}

/** A persisted index whose metadata checked out; the catalog is verified as it is read. */
export type OpenedIndex =
  | { ok: true; database: string; generation: string; savedAt: string; catalogFile: string; catalogBytes: number; readCatalog(): Promise<Uint8Array> }
  | { ok: false; reason: string };

const freshId = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/**
 * A database file name no index uses yet, for a build to write into; null when the index
 * directory cannot be written (the index is then held in memory and rebuilt at every start).
 */
export async function newDatabaseFile(indexDir: string): Promise<string | null> {
  try {
    await mkdir(indexDir, { recursive: true });
    await access(indexDir, constants.W_OK);
  } catch {
    return null;
  }
  return join(indexDir, `pages-${freshId()}.sqlite`);
}

/** A new catalog generation, to record in the database (fts-store `markSaved`) and save with `saveCatalog`. */
export const newGeneration = freshId;

/** Saves the catalog that goes with `database` and makes the pair the persisted index. */
export async function saveCatalog(indexDir: string, schema: number, database: string, catalog: Uint8Array, generation: string): Promise<SavedCatalog> {
  const savedAt = new Date().toISOString();
  const file = `catalog-${generation}.json`;
  await writeFileAtomic(join(indexDir, file), catalog);
  const meta: IndexMeta = { layout: LAYOUT, schema, database: baseName(database), catalog: { file, bytes: catalog.byteLength, crc32: await crc32InSlices(catalog) }, generation, saved_at: savedAt };
  await writeFileAtomic(join(indexDir, META), JSON.stringify(meta));
  return { generation, savedAt };
}

const CRC_SLICE = 8 * 1024 * 1024;

/** CRC-32 of a large catalog, a slice per turn of the event loop so queries are not held up. */
async function crc32InSlices(bytes: Uint8Array): Promise<number> {
  let value = 0;
  for (let start = 0; start < bytes.byteLength; start += CRC_SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    value = crc32(bytes.subarray(start, start + CRC_SLICE), value);
  }
  return value;
}

/** Checks the metadata of a persisted index; the caller opens the database and reads the catalog. */
export async function openPersisted(indexDir: string, schema: number): Promise<OpenedIndex> {
  let meta: IndexMeta;
  try {
    meta = JSON.parse(await readFile(join(indexDir, META), 'utf8')) as IndexMeta;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, reason: missing ? 'no persisted index' : 'index metadata unreadable' };
  }
  if (meta.layout !== LAYOUT) return { ok: false, reason: 'the persisted index has an older layout' };
  if (meta.schema !== schema) return { ok: false, reason: `index schema ${meta.schema} is not ${schema}` };
  if (typeof meta.database !== 'string' || typeof meta.catalog?.file !== 'string') return { ok: false, reason: 'index metadata names no database or catalog' };
  const { file, bytes: size, crc32: sum } = meta.catalog;
  return {
    ok: true,
    database: join(indexDir, baseName(meta.database)),
    generation: meta.generation,
    savedAt: meta.saved_at,
    catalogFile: join(indexDir, baseName(file)),
    catalogBytes: size,
    async readCatalog() {
      let bytes: Buffer;
      try {
        bytes = await readWhole(join(indexDir, baseName(file)), size);
      } catch {
        throw new Error(`${file} missing`);
      }
      if (bytes.byteLength !== size) throw new Error(`${file} has the wrong size (truncated?)`);
      if (crc32(bytes) !== sum) throw new Error(`${file} checksum mismatch (corrupt)`);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}

/**
 * A file whose size is known, read with as few reads as the OS allows: `readFile` reads in 512
 * KiB chunks, one round trip to the thread pool each (~120 for a 50k-page catalog, which on a
 * loaded machine was ~0.5 s of a warm start spent waiting). A file larger than expected reads
 * one byte too many, so the caller's size check fails.
 */
async function readWhole(path: string, expected: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    // Shared memory: the title worker reads the same bytes (TitleIndex.preload) without a copy.
    const buffer = Buffer.from(new SharedArrayBuffer(expected + 1));
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.byteLength - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.byteLength) break;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

export async function saveHistory(indexDir: string, snapshot: HistorySnapshot): Promise<void> {
  await writeFileAtomic(join(indexDir, 'history.json'), JSON.stringify(snapshot));
}

export async function loadHistory(indexDir: string): Promise<HistorySnapshot | null> {
  try {
    const value = JSON.parse(await readFile(join(indexDir, 'history.json'), 'utf8')) as HistorySnapshot;
    return value.version === 1 && typeof value.commits === 'object' && typeof value.paths === 'object' ? value : null;
  } catch {
    return null;
  }
}

/** Files of the FTS index and catalog (with SQLite's journal and lock), current or left over. */
const INDEX_FILE = /^(pages(-[0-9a-z]+)?\.sqlite(-journal|\.lock)?|catalog(-[0-9a-z]+)?\.json|toprows-[0-9a-z]+\.json(\.pending)?)$/;

/**
 * Removes the databases and catalogs that neither the meta names nor this process has open:
 * left by an earlier index, a build that was killed, a crash, or the older single-image layout.
 * Only the serving process calls it: a build child must not remove the database it serves.
 */
export async function removeStale(indexDir: string, inUse: string | null): Promise<void> {
  const keep: string[] = inUse === null ? [] : [baseName(inUse)];
  try {
    const meta = JSON.parse(await readFile(join(indexDir, META), 'utf8')) as Partial<IndexMeta>;
    if (typeof meta.database === 'string') keep.push(baseName(meta.database));
    if (typeof meta.catalog?.file === 'string') keep.push(baseName(meta.catalog.file));
    // The top-rows lists of the saved generation (top-rows-job.ts), perhaps being written.
    if (typeof meta.generation === 'string') keep.push(`toprows-${baseName(meta.generation)}.json`, `toprows-${baseName(meta.generation)}.json.pending`);
  } catch {
    // No readable meta: nothing on disk is the persisted index.
  }
  await removeIndexFiles(indexDir, keep);
}

async function removeIndexFiles(indexDir: string, keep: string[]): Promise<void> {
  const kept = new Set(keep.flatMap((name) => [name, `${name}-journal`, `${name}.lock`]));
  let names: string[];
  try {
    names = await readdir(indexDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (INDEX_FILE.test(name) && !kept.has(name)) await rm(join(indexDir, name), { recursive: true, force: true });
  }
}

/** Removes the whole persisted index (a corrupt one): the next start rebuilds it. */
export async function clearIndexDir(indexDir: string): Promise<void> {
  await rm(join(indexDir, META), { force: true });
  await rm(join(indexDir, 'history.json'), { force: true });
  await removeIndexFiles(indexDir, []);
}

/** A file name without its directory: the meta stores names, never paths, so the data dir can move. */
function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}
