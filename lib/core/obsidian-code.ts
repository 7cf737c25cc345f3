/**
 * Files in a vault that make Obsidian run code or load it: community plugins, the list of
 * enabled ones, and CSS snippets (which can fetch from the network). Whoever can push to a sync
 * remote must not be able to install these on another machine by a sync.
 */
export function runsInObsidian(wikiPath: string): boolean {
  return (
    wikiPath.startsWith('.obsidian/plugins/') ||
    wikiPath.startsWith('.obsidian/snippets/') ||
    wikiPath === '.obsidian/community-plugins.json'
  );
}
