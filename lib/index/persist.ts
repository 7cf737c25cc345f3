import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { writeFileAtomic } from '../store/atomic-write.js';
import type { HistorySnapshot } from './history-index.js';

/**
 * The derived index on disk: `pages.sqlite` (an image of the in-memory FTS database),
 * `pages.meta.json` (schema, size and CRC-32 of that image) and `history.json`. A missing,
 * truncated or corrupt image is reported as a reason string and the caller rebuilds.
 */
interface ImageMeta {
  schema: number;
  bytes: number;
  crc32: number;
  saved_at: string;
}

export type LoadedImage = { ok: true; bytes: Uint8Array; savedAt: string } | { ok: false; reason: string };

export async function saveImage(indexDir: string, schema: number, bytes: Uint8Array): Promise<string> {
  const savedAt = new Date().toISOString();
  const meta: ImageMeta = { schema, bytes: bytes.byteLength, crc32: crc32(bytes), saved_at: savedAt };
  // Image first, meta second: a crash in between leaves a meta that no longer matches, which
  // the next start detects as corrupt and rebuilds.
  await writeFileAtomic(join(indexDir, 'pages.sqlite'), bytes);
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
  let bytes: Buffer;
  try {
    bytes = await readFile(join(indexDir, 'pages.sqlite'));
  } catch {
    return { ok: false, reason: 'index image missing' };
  }
  if (bytes.byteLength !== meta.bytes) return { ok: false, reason: 'index image has the wrong size (truncated?)' };
  if (crc32(bytes) !== meta.crc32) return { ok: false, reason: 'index image checksum mismatch (corrupt)' };
  return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), savedAt: meta.saved_at };
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
  for (const name of ['pages.sqlite', 'pages.meta.json', 'history.json']) {
    await rm(join(indexDir, name), { force: true });
  }
}
