/** The note's text without its YAML frontmatter block (the server keeps frontmatter itself). */
export function stripFrontmatter(text: string): string {
  const match = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return match ? text.slice(match[0].length) : text;
}

/** The text of the first `# ` heading outside code fences, if any. */
export function firstHeading(markdown: string): string | null {
  let fenced = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) return heading[1]!;
  }
  return null;
}

/** A one-line title from free text: its heading, else its first non-empty line, shortened. */
export function titleFromText(text: string, fallback: string): string {
  const heading = firstHeading(text);
  if (heading) return heading;
  const line = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\s>*#-]+/, '').trim())
    .find((l) => l !== '');
  if (!line) return fallback;
  return line.length > 80 ? `${line.slice(0, 77).trimEnd()}...` : line;
}

export interface SnippetSegment {
  text: string;
  mark: boolean;
}

/**
 * Splits a search snippet (escaped HTML with `<mark>` around matches) into plain text
 * segments, so it can be shown without ever assigning HTML.
 */
export function snippetSegments(html: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let mark = false;
  for (const part of html.split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(part)) mark = true;
    else if (/^<\/mark>$/i.test(part)) mark = false;
    else if (part !== '') segments.push({ text: unescapeHtml(part.replace(/<[^>]*>/g, '')), mark });
  }
  return segments;
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? _m);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };
