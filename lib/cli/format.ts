/** Terminal rendering helpers: human output only; `--json` prints the API's JSON as is. */

const ANSI = { bold: '\u001b[1m', dim: '\u001b[2m', yellow: '\u001b[33m', reset: '\u001b[0m' };

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  mark(text: string): string;
}

export function styleFor(stream: NodeJS.WriteStream, env: Record<string, string | undefined>): Style {
  const color = stream.isTTY === true && !env.NO_COLOR;
  return color
    ? {
        bold: (t) => `${ANSI.bold}${t}${ANSI.reset}`,
        dim: (t) => `${ANSI.dim}${t}${ANSI.reset}`,
        mark: (t) => `${ANSI.bold}${ANSI.yellow}${t}${ANSI.reset}`,
      }
    : { bold: (t) => t, dim: (t) => t, mark: (t) => `**${t}**` };
}

/** Server snippets are HTML with `<mark>`; a terminal gets highlighting and plain text. */
export function snippetForTerminal(html: string, style: Style): string {
  return decodeEntities(html.replace(/<mark>([\s\S]*?)<\/mark>/g, (_, inner: string) => style.mark(inner)));
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export function shortDate(iso: string | undefined): string {
  if (!iso) return '';
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z');
}

/** A progress line on a terminal; nothing when output is piped. */
export function progressLine(stream: NodeJS.WriteStream, label: string): (done: number, total: number) => void {
  if (stream.isTTY !== true) return () => {};
  return (done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done >= total) stream.write('\n');
  };
}
