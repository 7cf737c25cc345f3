import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { writeFileAtomic } from '../store/atomic-write.js';
import type { HistorySnapshot } from './history-index.js';

/**
 * The derived index on disk: `pages.sqlite` (an image of the in-memory FTS database),
 * `catalog.json` (page records and project manifests), `pages.meta.json` (schema, sizes and
 * CRC-32s of both) and `history.json`. A missing, truncated or corrupt part is reported as a
 * reason string and the caller rebuilds.
 */
interface ImageMeta {
  schema: number;
  files: Record<string, { bytes: number; crc32: number }>;
  saved_at: string;
}

export interface IndexImage {
  /** The FTS database image. */
  database: Uint8Array;
  /** The catalog, serialized. */
  catalog: Uint8Array;
}

/** A persisted index whose metadata checked out; each part is verified as it is read. */
export type OpenedImage =
  | { ok: true; savedAt: string; read(part: keyof IndexImage): Promise<Uint8Array> }
  | { ok: false; reason: string };

const PARTS = { database: 'pages.sqlite', catalog: 'catalog.json' } as const;

export async function saveImage(indexDir: string, schema: number, image: IndexImage): Promise<string> {
  const savedAt = new Date().toISOString();
  const meta: ImageMeta = { schema, files: {}, saved_at: savedAt };
  // Parts first, meta last: a crash in between leaves a meta that no longer matches, which the
  // next start detects as corrupt and rebuilds.
  for (const [part, name] of Object.entries(PARTS) as Array<[keyof IndexImage, string]>) {
    await writeFileAtomic(join(indexDir, name), image[part]);
    meta.files[name] = { bytes: image[part].byteLength, crc32: await crc32InSlices(image[part]) };
  }
  await writeFileAtomic(join(indexDir, 'pages.meta.json'), JSON.stringify(meta));
  return savedAt;
}

const CRC_SLICE = 8 * 1024 * 1024;

/** CRC-32 of a large image, a slice per turn of the event loop so queries are not held up. */
async function crc32InSlices(bytes: Uint8Array): Promise<number> {
  let value = 0;
  for (let start = 0; start < bytes.byteLength; start += CRC_SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    value = crc32(bytes.subarray(start, start + CRC_SLICE), value);
  }
  return value;
}

/**
 * Checks the metadata of a persisted index. Parts are read one at a time by the caller, so the
 * database image can be loaded and dropped before the catalog is read (a lower memory peak).
 */
export async function openImage(indexDir: string, schema: number): Promise<OpenedImage> {
  let meta: ImageMeta;
  try {
    meta = JSON.parse(await readFile(join(indexDir, 'pages.meta.json'), 'utf8')) as ImageMeta;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, reason: missing ? 'no persisted index' : 'index metadata unreadable' };
  }
  if (meta.schema !== schema) return { ok: false, reason: `index schema ${meta.schema} is not ${schema}` };
  for (const name of Object.values(PARTS)) {
    if (!meta.files?.[name]) return { ok: false, reason: `index metadata lists no ${name}` };
  }
  return {
    ok: true,
    savedAt: meta.saved_at,
    async read(part) {
      const name = PARTS[part];
      const expected = meta.files[name]!;
      let bytes: Buffer;
      try {
        bytes = await readFile(join(indexDir, name));
      } catch {
        throw new Error(`${name} missing`);
      }
      if (bytes.byteLength !== expected.bytes) throw new Error(`${name} has the wrong size (truncated?)`);
      if (crc32(bytes) !== expected.crc32) throw new Error(`${name} checksum mismatch (corrupt)`);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
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

export async function clearIndexDir(indexDir: string): Promise<void> {
  for (const name of ['pages.sqlite', 'catalog.json', 'pages.meta.json', 'history.json']) {
    await rm(join(indexDir, name), { force: true });
  }
}
