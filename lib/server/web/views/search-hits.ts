import type { PageHit } from '../../../core/contract.js';
import { prepareFtsQuery } from '../../../core/search-query.js';
import { highlight } from '../../../core/snippet.js';
import { html, snippetHtml, type SafeHtml } from '../html.js';
import { kindBadge } from '../layout.js';
import { webUrl } from '../urls.js';

/**
 * Search hits as a person reads them: the pages that hold the query's words, each saying why it
 * matched, with the words lit up in its title and snippet; then, under their own heading, the
 * pages that hold none of the words but are linked with a match, each linking to that match.
 */
export function hitList(hits: readonly PageHit[], q: string, showProject: boolean): SafeHtml {
  const terms = prepareFtsQuery(q).terms;
  const direct = hits.filter((h) => !h.related_from);
  const related = hits.filter((h) => h.related_from);
  return html`<div class="results">${direct.map((hit) => hitItem(hit, terms, showProject))}</div>
    ${related.length > 0
      ? html`<section class="related-hits" aria-labelledby="related-heading">
          <h2 id="related-heading">Related by link</h2>
          <p class="muted">These pages hold none of your words; each is linked with a match above.</p>
          <div class="results">${related.map((hit) => hitItem(hit, terms, showProject))}</div>
        </section>`
      : ''}`;
}

function hitItem(hit: PageHit, terms: readonly string[], showProject: boolean): SafeHtml {
  return html`<div class="hit${hit.related_from ? ' related' : ''}">
    <h2><a href="${webUrl.page(hit)}">${snippetHtml(highlight(hit.title, terms))}</a>${kindBadge(hit.kind)}${hit.pinned ? html`<span class="badge pinned">pinned</span>` : ''}${hit.superseded ? html`<span class="badge">superseded</span>` : ''}</h2>
    <div class="where">${showProject ? `${hit.workspace}/${hit.project} · ` : ''}${hit.path}</div>
    ${hit.reason ? html`<div class="why">${hit.related_from ? relatedLink(hit) : html`Matched: ${hit.reason}`}</div>` : ''}
    <p>${snippetHtml(hit.snippet)}</p>
  </div>`;
}

/** "linked from <the matching page>" as a link to that page (`workspace/project:path` in another project). */
function relatedLink(hit: PageHit): SafeHtml {
  const from = hit.related_from!;
  const other = /^([^/:]+)\/([^/:]+):(.+)$/.exec(from);
  const target = other ? { workspace: other[1]!, project: other[2]!, path: other[3]! } : { workspace: hit.workspace, project: hit.project, path: from };
  return html`<a href="${webUrl.page(target)}">${hit.reason}</a>`;
}
