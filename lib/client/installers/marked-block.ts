/**
 * A block of text between two marker lines, appended once and replaced in place afterwards.
 * Used where a structured rewrite would lose the user's formatting: TOML with comments
 * (Codex) and markdown instruction files. Removing the block also removes the blank line the
 * insert added, so install + uninstall gives back the original bytes.
 */
export interface Markers {
  begin: string;
  end: string;
}

export function findBlock(text: string, markers: Markers): { start: number; end: number } | null {
  const start = lineStart(text, markers.begin);
  if (start < 0) return null;
  const endAt = text.indexOf(markers.end, start);
  if (endAt < 0) return null;
  let end = endAt + markers.end.length;
  if (text[end] === '\n') end += 1;
  return { start, end };
}

function lineStart(text: string, marker: string): number {
  let from = 0;
  for (;;) {
    const at = text.indexOf(marker, from);
    if (at < 0 || at === 0 || text[at - 1] === '\n') return at;
    from = at + 1;
  }
}

/** `body` goes between the markers; returns the same string when nothing changes. */
export function upsertBlock(text: string | null, markers: Markers, body: string): string {
  const block = `${markers.begin}\n${body.replace(/\n*$/, '\n')}${markers.end}\n`;
  const current = text ?? '';
  const found = findBlock(current, markers);
  if (found) return current.slice(0, found.start) + block + current.slice(found.end);
  if (current === '') return block;
  const separator = current.endsWith('\n') ? '\n' : '\n\n';
  return current + separator + block;
}

/** The text without the block (null when nothing else was in the file), or the text unchanged. */
export function removeBlock(text: string | null, markers: Markers): string | null {
  if (text === null) return null;
  const found = findBlock(text, markers);
  if (!found) return text;
  let start = found.start;
  // The blank line the insert put before the block.
  if (start >= 2 && text.slice(start - 2, start) === '\n\n') start -= 1;
  const rest = text.slice(0, start) + text.slice(found.end);
  return rest === '' ? null : rest;
}

export function blockBody(text: string | null, markers: Markers): string | null {
  if (!text) return null;
  const found = findBlock(text, markers);
  if (!found) return null;
  return text.slice(found.start + markers.begin.length + 1, text.lastIndexOf(markers.end, found.end));
}
