/**
 * A file name for a page from its title: ASCII letters and digits joined by dashes, at most 60
 * characters ("Pool size & max_connections" -> "pool-size-max-connections"). Empty when the
 * title has nothing usable; the caller decides what to do then. The Obsidian plugin shares only
 * types with lib/ (test/obsidian/bundle.test.ts), so its suggestedPath keeps a copy of these
 * steps: change both together.
 */
export function titleSlug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}
