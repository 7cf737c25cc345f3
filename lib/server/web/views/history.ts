import type { DiffResponse } from '../../../core/contract-browse.js';
import type { HistoryResponse } from '../../../core/contract.js';
import { html, type SafeHtml } from '../html.js';
import { commitLabel, layout, plural, timeAgo } from '../layout.js';
import { webUrl } from '../urls.js';

export function historyView(data: HistoryResponse, title: string, projectName: string): SafeHtml {
  const ref = { workspace: data.workspace, project: data.project, path: data.path };
  const main = html`<header class="page-head">
      <h1>History of ${title}</h1>
      <div class="meta"><span><code>${data.path}</code></span><span>${plural(data.commits.length, 'version')}</span>
        <a href="${webUrl.page(ref)}">Current version</a></div>
    </header>
    <div class="table-scroll"><table class="table history-table">
      <thead><tr><th>Commit</th><th>Message</th><th>Author</th><th>When</th><th>Change</th><th></th></tr></thead>
      <tbody>${data.commits.map(
        (c) => html`<tr>
          <td><span class="sha">${c.short}</span></td>
          <td title="${c.message}">${commitLabel(c.message, ref)}</td>
          <td class="muted">${c.author}</td>
          <td class="muted">${timeAgo(c.date)}</td>
          <td>${c.stat ? html`<span class="stat-add">+${c.stat.added}</span> <span class="stat-del">−${c.stat.removed}</span>` : ''}</td>
          <td class="actions"><a href="${webUrl.page(ref, c.commit)}" data-rev="${c.short}">view</a> · <a href="${webUrl.diff(ref, c.commit)}" data-diff="${c.short}">diff</a></td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  return layout({
    title: `History of ${title}`,
    crumbs: crumbs(ref, projectName, title, 'History'),
    scope: { workspace: data.workspace, project: data.project },
    main,
  });
}

export function diffView(data: DiffResponse, title: string, projectName: string): SafeHtml {
  const ref = { workspace: data.workspace, project: data.project, path: data.path };
  const main = html`<header class="page-head">
      <h1>${commitLabel(data.message, ref)}</h1>
      <div class="meta">
        <span class="sha">${data.rev.slice(0, 7)}</span><span>${data.author}</span><span>${timeAgo(data.date)}</span>
        <span class="stat-add">+${data.stat.added}</span><span class="stat-del">−${data.stat.removed}</span>
        <span>${data.parent ? html`compared with <a href="${webUrl.page(ref, data.parent)}" class="sha">${data.parent.slice(0, 7)}</a>` : 'page created in this commit'}</span>
      </div>
      <div class="meta"><a href="${webUrl.page(ref, data.rev)}">View the page at this commit</a> · <a href="${webUrl.history(ref)}">History</a> · <a href="${webUrl.page(ref)}">Current version</a></div>
    </header>
    ${data.deleted ? html`<div class="banner">This commit deleted the page.</div>` : ''}
    ${data.hunks.length === 0 ? html`<p class="empty">No change to the page's text in this commit.</p>` : html`<table class="diff">${data.hunks.map(
      (hunk) => html`<tr class="hunk"><td colspan="4">@@ −${hunk.old_start} +${hunk.new_start} @@</td></tr>${hunk.lines.map(
        (line) => html`<tr class="${line.op === '+' ? 'add' : line.op === '-' ? 'del' : 'ctx'}"><td class="ln">${line.old ?? ''}</td><td class="ln">${line.new ?? ''}</td><td class="op">${line.op === '-' ? '−' : line.op}</td><td class="code">${line.text}</td></tr>`,
      )}`,
    )}</table>`}`;
  return layout({
    title: `Diff of ${title} at ${data.rev.slice(0, 7)}`,
    crumbs: crumbs(ref, projectName, title, `Diff ${data.rev.slice(0, 7)}`),
    scope: { workspace: data.workspace, project: data.project },
    main,
  });
}

function crumbs(ref: { workspace: string; project: string; path: string }, projectName: string, title: string, last: string) {
  return [
    { label: 'Projects', href: webUrl.home() },
    { label: projectName, href: webUrl.project(ref.workspace, ref.project) },
    { label: title, href: webUrl.page(ref) },
    { label: last },
  ];
}
