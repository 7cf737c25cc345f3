import { isServerError } from './errors.js';
import type { MemoryApi } from './memory-api.js';
import type { PageRef } from './vault-paths.js';

/** Whether the server's index holds the note as it is on disk now. */
export type IndexState =
  | { state: 'indexed' }
  | { state: 'pending'; reason: string }
  | { state: 'offline'; message: string }
  | { state: 'error'; message: string };

/**
 * Compares the note's text with the content hash the server's index holds for it. The server
 * reads the file itself, so a mismatch means only that its watcher has not indexed the latest
 * save yet (it normally does within a second).
 */
export async function indexStateOf(api: MemoryApi, ref: PageRef, text: string): Promise<IndexState> {
  try {
    const [page, hash] = await Promise.all([api.readPage(ref), sha1Hex(text)]);
    if (page.indexed_hash === undefined) return { state: 'pending', reason: 'the server has not indexed this note yet' };
    if (page.indexed_hash !== hash) return { state: 'pending', reason: 'the latest edit is not indexed yet' };
    return { state: 'indexed' };
  } catch (error) {
    if (isServerError(error, 'not_found')) return { state: 'pending', reason: 'the server does not know this note yet' };
    if (isServerError(error, 'unreachable')) return { state: 'offline', message: error.message };
    return { state: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** SHA-1 of the UTF-8 text, hex: the hash the server's index keeps per file. */
export async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function indexStateLabel(state: IndexState): string {
  switch (state.state) {
    case 'indexed':
      return 'Memory: indexed';
    case 'pending':
      return 'Memory: not indexed yet';
    case 'offline':
      return 'Memory: server offline';
    case 'error':
      return 'Memory: error';
  }
}
