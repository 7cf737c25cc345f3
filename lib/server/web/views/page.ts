import type { HistoryEntry, PageLink, PageResponse, PageSummary } from '../../../core/contract.js';
import { html, type HtmlValue, type SafeHtml } from '../html.js';
import { commitLabel, kindBadge, layout, timeAgo } from '../layout.js';
import { webUrl } from '../urls.js';
import { folderTree } from './tree.js';

export interface PageViewData {
  page: PageResponse;
  rendered: SafeHtml;
  projectName: string;
  history: HistoryEntry[];
  historyTotal: number;
  chain: { older: PageLink[]; newer: PageLink[] };
  pages: readonly PageSummary[];
}

export function pageView(data: PageViewData): SafeHtml {
  const { page } = data;
  const ref = { workspace: page.workspace, project: page.project, path: page.path };
  const shown = page.rev ? data.history.find((h) => h.commit === page.rev) : undefined;
  const main = html`
    ${page.rev ? html`<div class="banner" role="note" data-old-version>
        You are viewing this page as of <span class="sha">${page.rev.slice(0, 7)}</span>${shown ? html` · ${commitLabel(shown.message, ref)} · ${timeAgo(shown.date)}` : ''}.
        <a href="${webUrl.page(ref)}">View the current version</a> · <a href="${webUrl.diff(ref, page.rev)}">What changed in this commit</a>
      </div>` : ''}
    ${data.chain.newer.length > 0 ? html`<div class="banner" role="note">Superseded by ${linkList(data.chain.newer)}.</div>` : ''}
    ${page.frontmatter_error ? html`<div class="banner" role="note">The frontmatter could not be read: ${page.frontmatter_error}</div>` : ''}
    <header class="page-head">
      <h1>${page.title}</h1>
      <div class="meta">
        ${kindBadge(page.kind)}
        ${page.pinned ? html`<span class="badge pinned">pinned</span>` : ''}
        <span><code>${page.path}</code></span>
        ${page.updated ? html`<span>updated ${timeAgo(page.updated)}</span>` : ''}
        <a href="${webUrl.history(ref)}">History (${data.historyTotal})</a>
        ${page.kind === 'session' && page.path.startsWith('sessions/') ? html`<a href="${webUrl.session(page.workspace, page.project, page.path.slice('sessions/'.length, -'.md'.length))}">Timeline of the session</a>` : ''}
      </div>
    </header>
    <article class="markdown">${data.rendered}</article>`;
  return layout({
    title: page.title,
    crumbs: [
      { label: 'Projects', href: webUrl.home() },
      { label: data.projectName, href: webUrl.project(page.workspace, page.project) },
      { label: page.path },
    ],
    scope: { workspace: page.workspace, project: page.project },
    sidebar: html`<a class="sidebar-head" href="${webUrl.project(page.workspace, page.project)}">${data.projectName}</a>${folderTree(data.pages, page, page.path)}`,
    main,
    rail: rail(data),
  });
}

function rail(data: PageViewData): SafeHtml {
  const { page } = data;
  const ref = { workspace: page.workspace, project: page.project, path: page.path };
  // A session page's body already says its summary: the panel does not say it again.
  const bodyText = page.body.replace(/\\/g, '');
  const fm = Object.entries(page.frontmatter).filter(([key, value]) => !(key === 'summary' && typeof value === 'string' && bodyText.includes(value)));
  return html`
    ${fm.length > 0 ? html`<section class="panel"><h2>Frontmatter</h2><table class="fm">${fm.map(([key, value]) => html`<tr><th>${key}</th><td>${fmValue(value)}</td></tr>`)}</table></section>` : ''}
    <section class="panel backlinks"><h2>Linked from</h2>${page.backlinks.length > 0 ? html`<ul>${page.backlinks.map((l) => html`<li>${pageLink(l, page)}</li>`)}</ul>` : html`<p class="empty">No page links here.</p>`}</section>
    ${page.links.length > 0 ? html`<section class="panel"><h2>Links to</h2><ul>${page.links.map((l) => html`<li>${pageLink(l, page)}</li>`)}</ul></section>` : ''}
    ${data.chain.older.length + data.chain.newer.length > 0 ? html`<section class="panel chain"><h2>Supersession</h2><ol>
        ${data.chain.older.map((l) => html`<li class="muted">${pageLink(l, page)}</li>`)}
        <li><strong>${page.title}</strong></li>
        ${data.chain.newer.map((l) => html`<li>${pageLink(l, page)}</li>`)}
      </ol></section>` : ''}
    <section class="panel history"><h2>History</h2>
      ${data.history.length === 0 ? html`<p class="empty">Not committed yet.</p>` : html`<ul class="history-list">${data.history.map(
        (entry, i) => html`<li${entry.commit === page.rev || (!page.rev && i === 0) ? html` class="current-rev"` : ''}>
          <span class="msg" title="${entry.message}">${commitLabel(entry.message, ref)}</span>
          <span class="actions"><span class="sha">${entry.short}</span>${timeAgo(entry.date)}
            ${entry.stat ? html`<span class="stat-add">+${entry.stat.added}</span><span class="stat-del">−${entry.stat.removed}</span>` : ''}</span>
          <span class="actions"><a href="${webUrl.page(ref, entry.commit)}" data-rev="${entry.short}">view</a><a href="${webUrl.diff(ref, entry.commit)}" data-diff="${entry.short}">diff</a></span>
        </li>`,
      )}</ul>`}
      ${data.historyTotal > data.history.length ? html`<a href="${webUrl.history(ref)}">All ${data.historyTotal} versions →</a>` : ''}
    </section>`;
}

function pageLink(link: PageLink, from: { workspace: string; project: string }): SafeHtml {
  const elsewhere = link.workspace !== from.workspace || link.project !== from.project;
  const where = elsewhere ? html` <span class="muted">(${link.project})</span>` : '';
  if (!link.exists) return html`<span class="muted" title="no such page yet">${link.title}</span>`;
  return html`<a href="${webUrl.page(link)}">${link.title}</a>${where}`;
}

function linkList(links: PageLink[]): HtmlValue {
  return links.map((l, i) => html`${i > 0 ? ', ' : ''}<a href="${webUrl.page(l)}">${l.title}</a>`);
}

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

/** A frontmatter value: instants read as "3 hours ago" (ISO on hover), single tokens never break mid-way. */
function fmValue(value: unknown): SafeHtml {
  if (value instanceof Date) return timeAgo(value.toISOString());
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value
    : Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null) ? value.join(', ') : JSON.stringify(value);
  if (ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text))) return timeAgo(text);
  return /\s/.test(text) ? html`${text}` : html`<span class="token" title="${text}">${text}</span>`;
}
