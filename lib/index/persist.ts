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

export type LoadedImage = ({ ok: true; savedAt: string } & IndexImage) | { ok: false; reason: string };

const PARTS = { database: 'pages.sqlite', catalog: 'catalog.json' } as const;

export async function saveImage(indexDir: string, schema: number, image: IndexImage): Promise<string> {
  const savedAt = new Date().toISOString();
  const meta: ImageMeta = { schema, files: {}, saved_at: savedAt };
  // Parts first, meta last: a crash in between leaves a meta that no longer matches, which the
  // next start detects as corrupt and rebuilds.
  for (const [part, name] of Object.entries(PARTS) as Array<[keyof IndexImage, string]>) {
    await writeFileAtomic(join(indexDir, name), image[part]);
    meta.files[name] = { bytes: image[part].byteLength, crc32: crc32(image[part]) };
  }
  await writeFileAtomic(join(indexDir, 'pages.meta.json'), JSON.stringify(meta));
  return savedAt;
}

export async function loadImage(indexDir: string, schema: number): Promise<LoadedImage> {
  let meta: ImageMeta;
  try {
    meta = JSON.parse(await readFile(join(indexDir, 'pages.meta.json'), 'utf8')) as ImageMeta;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, reason: missing ? 'no persisted index' : 'index metadata unreadable' };
  }
  if (meta.schema !== schema) return { ok: false, reason: `index schema ${meta.schema} is not ${schema}` };
  const loaded: Partial<IndexImage> = {};
  for (const [part, name] of Object.entries(PARTS) as Array<[keyof IndexImage, string]>) {
    const expected = meta.files?.[name];
    if (!expected) return { ok: false, reason: `index metadata lists no ${name}` };
    let bytes: Buffer;
    try {
      bytes = await readFile(join(indexDir, name));
    } catch {
      return { ok: false, reason: `${name} missing` };
    }
    if (bytes.byteLength !== expected.bytes) return { ok: false, reason: `${name} has the wrong size (truncated?)` };
    if (crc32(bytes) !== expected.crc32) return { ok: false, reason: `${name} checksum mismatch (corrupt)` };
    loaded[part] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return { ok: true, savedAt: meta.saved_at, ...(loaded as IndexImage) };
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
