import { createHash } from 'node:crypto';
import { LruCache } from '../../core/lru.js';
import { trusted, type SafeHtml } from './html.js';
import { createMarkdownRenderer } from './markdown-renderer.js';

/** Where each `[[target]]` of the body points now (null: no such page yet). */
export type ResolvedTargets = Map<string, { href: string; title: string } | null>;

const KEPT_PAGES = 2000;
const KEPT_CHARS = 16 * 1024 * 1024;

/**
 * Rendered markdown is a function of the body, the title (a leading `# Title` is dropped) and
 * where its wikilinks point; the key hashes all three, so an edited page, a renamed title or a
 * link target that appeared or moved is a different key, never a stale hit. Parsing through
 * unified is most of a page view; a page read twice is rendered once.
 */
const rendered = new LruCache<string>(KEPT_PAGES, KEPT_CHARS, (markup) => markup.length);

const renderer = createMarkdownRenderer();

export async function renderMarkdownCached(body: string, targets: ResolvedTargets, title: string): Promise<SafeHtml> {
  const key = createHash('sha256').update(JSON.stringify([body, title, [...targets]])).digest('base64');
  const kept = rendered.get(key);
  if (kept !== undefined) return trusted(kept);
  const markup = await renderer.render(body, targets, title);
  rendered.set(key, markup);
  return trusted(markup);
}
