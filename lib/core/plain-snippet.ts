/**
 * A search snippet for readers that do not render HTML (agents over MCP): `<mark>` becomes a
 * plain marker and entities are decoded. Snippets are built by escaping every character of the
 * text and adding only `<mark>`/`</mark>` (core/snippet.ts), so this reverses them exactly.
 * `**` is the default marker: models read it as markdown emphasis, and it costs 4 bytes a
 * match against 13 for `<mark></mark>`.
 */
export const AGENT_MARK = '**';

export function snippetAsText(html: string, mark = AGENT_MARK): string {
  return decodeHtmlEntities(html.replace(/<mark>([\s\S]*?)<\/mark>/g, (_, inner: string) => `${mark}${inner}${mark}`));
}

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!);
}
