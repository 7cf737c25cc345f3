/**
 * `[[target#heading|label]]` as the web UI renders it. Its own module, so a view can list a
 * page's targets without loading the markdown renderer (unified, micromark), which loads on the
 * first page render.
 */
export const WIKILINK = /\[\[([^[\]|#\n]+)(#[^[\]|\n]*)?(?:\|([^[\]\n]*))?\]\]/g;

/** The `[[targets]]` of a body, so a view can resolve them all before rendering. */
export function wikilinkTargets(body: string): string[] {
  const targets = new Set<string>();
  for (const match of body.matchAll(WIKILINK)) {
    const target = match[1]!.trim();
    if (target) targets.add(target);
  }
  return [...targets];
}
