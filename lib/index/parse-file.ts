import { createHash } from 'node:crypto';
import { parsePage } from '../core/page.js';
import { classifyWikiPath } from '../core/paths.js';
import { readManifest } from '../core/project-manifest.js';
import type { FileInfo } from '../store/wiki-files.js';
import type { ProjectManifest } from './catalog.js';
import { toIndexedPage, type IndexedPage } from './indexed-page.js';

export type ParsedFile =
  | { type: 'page'; page: IndexedPage; body: string }
  | { type: 'manifest'; rel: string; manifest: ProjectManifest; file: IndexedPage['file'] }
  | null;

/** Turns one wiki file into what the index stores; null for files that are neither page nor manifest. */
export function parseWikiFile(info: FileInfo, text: string, id: () => number, hash = contentHash(text)): ParsedFile {
  const entry = classifyWikiPath(info.rel);
  if (!entry) return null;
  const file = fileIdentity(info, hash);
  if (entry.type === 'manifest') {
    const fields = readManifest(text);
    const manifest: ProjectManifest = { ...entry.scope, name: fields.name ?? entry.scope.project };
    if (fields.id) manifest.id = fields.id;
    if (fields.created) manifest.created = fields.created;
    return { type: 'manifest', rel: info.rel, manifest, file };
  }
  const parsed = parsePage(text, entry.path);
  return { type: 'page', page: toIndexedPage(id(), info.rel, entry.scope, parsed, file), body: parsed.body };
}

export function fileIdentity(info: FileInfo, hash: string): IndexedPage['file'] {
  return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, hash };
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
