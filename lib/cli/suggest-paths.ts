import type { MemoryClient } from '../client/client.js';
import { MemoryError } from '../core/errors.js';
import { editDistance } from '../core/nearest.js';

const SUGGESTED = 3;

/**
 * A page that is not there: rethrow the error with the nearest existing paths (a typo, a
 * missing folder, the title typed instead of the file name). Any other error passes through.
 */
export async function suggestPaths(client: MemoryClient, scope: { workspace: string; project: string }, path: string, error: unknown): Promise<never> {
  if (!(error instanceof MemoryError) || error.code !== 'NOT_FOUND' || !error.message.startsWith('no page')) throw error;
  const pages = await client.pages(scope).then((r) => r.pages, () => []);
  const wanted = path.toLowerCase().replace(/\.md$/, '');
  const name = (p: string) => p.toLowerCase().replace(/\.md$/, '').split('/').pop()!;
  const ranked = pages
    .map((p) => {
      const base = name(p.path);
      const target = wanted.split('/').pop()!;
      const distance = Math.min(editDistance(wanted, p.path.toLowerCase().replace(/\.md$/, '')), editDistance(target, base), editDistance(target, p.title.toLowerCase()));
      const contains = base.includes(target) || p.title.toLowerCase().includes(target) ? 0 : 1;
      return { path: p.path, score: contains === 0 ? Math.min(distance, 1) : distance };
    })
    .filter((r) => r.score <= Math.max(3, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.score - b.score || a.path.localeCompare(b.path))
    .slice(0, SUGGESTED);
  const hint = ranked.length > 0 ? `; did you mean ${ranked.map((r) => r.path).join(', ')}?` : pages.length > 0 ? '; `ai-memory ls` lists its pages' : '';
  throw new MemoryError(error.code, `${error.message}${hint}`, error.data);
}
