import type { PageHit } from '../core/contract.js';
import { prepareFtsQuery } from '../core/search-query.js';
import { highlight } from '../core/snippet.js';
import { snippetForTerminal, type Style } from './format.js';

/**
 * Search hits for a terminal: the pages holding the query's words first, each with the words lit
 * up in its title and snippet and a line saying why it matched; then, under their own heading,
 * the pages that hold none of the words but are linked with a match ("linked from X").
 */
export function formatHits(hits: readonly PageHit[], q: string, where: string, style: Style): string {
  const terms = prepareFtsQuery(q).terms;
  const direct = hits.filter((h) => !h.related_from);
  const related = hits.filter((h) => h.related_from);
  const item = (hit: PageHit, i: number) => {
    const title = snippetForTerminal(highlight(hit.title, terms), style);
    const head = `${String(i + 1).padStart(2)}. ${style.bold(title)}  ${style.dim(`[${hit.kind}] ${hit.workspace}/${hit.project}/${hit.path}`)}`;
    const why = hit.reason ? `\n    ${style.dim(`${hit.related_from ? 'related' : 'matched'}: ${hit.reason}`)}` : '';
    const snippet = hit.snippet ? `\n    ${snippetForTerminal(hit.snippet, style)}` : '';
    return `${head}${why}${snippet}`;
  };
  const blocks = [direct.map(item).join('\n')];
  if (related.length > 0) {
    const heading = style.bold('Related by link') + style.dim(' (none of your words; each is linked with a match above)');
    blocks.push(`${direct.length > 0 ? '\n' : ''}${heading}\n${related.map((hit, i) => item(hit, direct.length + i)).join('\n')}`);
  }
  const count = `${hits.length} ${hits.length === 1 ? 'hit' : 'hits'} in ${where}${related.length > 0 ? ` (${related.length} related by link)` : ''}`;
  return `${blocks.filter((b) => b !== '').join('\n')}\n${style.dim(count)}\n`;
}
