import type { PageHit, PageSummary, ProjectSummary } from '../../../core/contract.js';
import { PAGE_KINDS } from '../../../core/page.js';
import { html, type SafeHtml } from '../html.js';
import { kindBadge, layout } from '../layout.js';
import { webUrl } from '../urls.js';
import { hitList } from './search-hits.js';

export interface SearchViewData {
  q: string;
  /** `workspace/project`, or '' for every project. */
  scope: string;
  kind: string;
  /** With no query: list the pages under this folder of the chosen project. */
  folder: string;
  projects: ProjectSummary[];
  /** Search hits, or, with no query but a kind, every page of that kind. */
  hits: PageHit[] | null;
  listed: PageSummary[] | null;
  error?: string;
}

export function searchView(data: SearchViewData): SafeHtml {
  const [workspace, project] = data.scope ? data.scope.split('/') : [];
  const scope = workspace && project ? { workspace, project } : undefined;
  const results = data.hits ?? data.listed ?? [];
  const main = html`<div class="search-page">
    <h1>Search</h1>
    <form class="big" action="/web/search" method="get" role="search">
      <input type="search" name="q" value="${data.q}" placeholder="What are you looking for?" aria-label="Search query" autofocus>
      <select name="scope" aria-label="Project">
        <option value="">All projects</option>
        ${data.projects.map((p) => {
          const key = `${p.workspace}/${p.project}`;
          return html`<option value="${key}"${key === data.scope ? html` selected` : ''}>${p.name} (${key})</option>`;
        })}
      </select>
      ${data.kind ? html`<input type="hidden" name="kind" value="${data.kind}">` : ''}
      <button class="button primary" type="submit">Search</button>
    </form>
    <div class="chips" aria-label="Filter by kind">
      <a class="chip${data.kind === '' ? ' active' : ''}" href="${webUrl.search({ q: data.q, scope: data.scope })}">all kinds</a>
      ${PAGE_KINDS.map((k) => html`<a class="chip${data.kind === k ? ' active' : ''}" href="${webUrl.search({ q: data.q, scope: data.scope, kind: k })}">${k}</a>`)}
    </div>
    ${data.error ? html`<div class="banner" role="alert">${data.error}</div>` : ''}
    ${data.folder && data.listed ? html`<p class="notice">Pages under <code>${data.folder}/</code> (${data.listed.length}).</p>` : ''}
    ${data.hits === null && data.listed === null && !data.error ? html`<p class="empty">Type words to search page titles and text, or pick a kind.</p>` : ''}
    ${(data.hits !== null || data.listed !== null) && results.length === 0 ? html`<p class="empty">Nothing found${data.q ? html` for “${data.q}”` : ''}.</p>` : ''}
    ${data.hits ? hitList(data.hits, data.q, !scope) : html`<div class="results">${(data.listed ?? []).map((page) => listedItem(page, !scope))}</div>`}
  </div>`;
  return layout({
    title: data.q ? `Search: ${data.q}` : 'Search',
    crumbs: [{ label: 'Projects', href: webUrl.home() }, { label: 'Search' }],
    ...(scope ? { scope } : {}),
    q: data.q,
    headerSearch: false,
    main,
  });
}

function listedItem(page: PageSummary, showProject: boolean): SafeHtml {
  return html`<div class="hit">
    <h2><a href="${webUrl.page(page)}">${page.title}</a>${kindBadge(page.kind)}</h2>
    <div class="where">${showProject ? `${page.workspace}/${page.project} · ` : ''}${page.path}</div>
    ${page.summary ? html`<p>${page.summary}</p>` : ''}
  </div>`;
}
