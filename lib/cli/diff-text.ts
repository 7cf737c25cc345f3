import type { DiffResponse } from '../core/contract-browse.js';
import { shortDate, type Style } from './format.js';

const ANSI = { green: '\u001b[32m', red: '\u001b[31m', cyan: '\u001b[36m', reset: '\u001b[0m' };

/** One commit's change to a page as `git show` prints it: header, then unified hunks. */
export function diffText(diff: DiffResponse, style: Style, color: boolean): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}${ANSI.reset}` : text);
  const out = [
    `${style.bold(diff.rev.slice(0, 7))}  ${shortDate(diff.date)}  ${diff.message.split('\n')[0]}  ${style.dim(diff.author)}`,
    style.dim(diff.parent === null ? `created the page (+${diff.stat.added})` : diff.deleted ? 'deleted the page' : `+${diff.stat.added} -${diff.stat.removed} against ${diff.parent.slice(0, 7)}`),
  ];
  for (const hunk of diff.hunks) {
    out.push(paint(ANSI.cyan, `@@ -${hunk.old_start} +${hunk.new_start} @@`));
    for (const line of hunk.lines) {
      const text = `${line.op}${line.text}`;
      out.push(line.op === '+' ? paint(ANSI.green, text) : line.op === '-' ? paint(ANSI.red, text) : text);
    }
  }
  return out.join('\n');
}
