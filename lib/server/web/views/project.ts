import type { HandoffView, ProjectOverview, SessionView } from '../../../core/contract-browse.js';
import type { PageSummary } from '../../../core/contract.js';
import { html, textWithCode, type SafeHtml } from '../html.js';
import { kindBadge, layout, plural, timeAgo } from '../layout.js';
import { webUrl } from '../urls.js';
import { folderTree } from './tree.js';

export function projectView(data: ProjectOverview, pages: readonly PageSummary[]): SafeHtml {
  const scope = { workspace: data.workspace, project: data.project };
  const kinds = Object.entries(data.kinds).sort(([, a], [, b]) => b - a);
  const main = html`<header class="page-head">
      <h1>${data.name}</h1>
      <div class="meta">
        <span><code>${data.workspace}/${data.project}</code></span>
        <span>${plural(data.page_count, 'page')}</span>
        <span>${plural(Math.max(data.session_count, data.captured_sessions), 'session')}</span>
        <span>last activity ${timeAgo(data.last_activity)}</span>
      </div>
    </header>
    ${data.pending_handoff ? handoffPanel(data, data.pending_handoff) : ''}
    ${standing(pages)}
    <div class="chips" aria-label="Pages by kind">${kinds.map(
      ([kind, n]) => html`<a class="chip" href="${webUrl.search({ scope: `${data.workspace}/${data.project}`, kind })}">${kind} · ${n}</a>`,
    )}</div>
    <div class="grid-2">
      <section class="panel">
        <h2>Recent activity</h2>
        ${data.recent_pages.length === 0 ? html`<p class="empty">No pages yet.</p>` : html`<ul class="list">${data.recent_pages.map(recentItem)}</ul>`}
      </section>
      <section class="panel">
        <h2>Recent sessions</h2>
        ${data.recent_sessions.length === 0 ? html`<p class="empty">No captured sessions yet.</p>` : html`<ul class="list">${data.recent_sessions.map((s) => sessionItem(data, s))}</ul>`}
      </section>
    </div>`;
  return layout({
    title: data.name,
    crumbs: [{ label: 'Projects', href: webUrl.home() }, { label: data.name }],
    scope,
    sidebar: html`<a class="sidebar-head" href="${webUrl.project(data.workspace, data.project)}">${data.name}</a>${folderTree(pages, scope)}`,
    main,
  });
}

function handoffPanel(scope: { workspace: string; project: string }, handoff: HandoffView): SafeHtml {
  const list = (title: string, items: string[]) => (items.length > 0 ? html`<strong>${title}</strong><ul>${items.map((s) => html`<li>${textWithCode(s)}</li>`)}</ul>` : '');
  const where = [handoff.last_prompt ? `Last request: ${handoff.last_prompt}` : '', handoff.last_reply ? `Last reply: ${handoff.last_reply}` : ''].filter(Boolean);
  return html`<section class="panel notice handoff" aria-label="Pending handoff">
    <h2><span class="badge pending">handoff pending</span> <a href="${webUrl.page({ ...scope, path: handoff.path })}">${handoff.title ?? handoff.id}</a>
      <span class="muted">${timeAgo(handoff.created)}${handoff.agent ? ` · from ${handoff.agent}` : ''}</span></h2>
    ${list('Where it stopped', where)}
    ${list('Next steps', handoff.next_steps)}
    ${list('Open questions', handoff.open_questions)}
    ${list('Failures not fixed', handoff.unfixed_failures)}
    ${list(handoff.manual ? 'Files touched' : 'Files changed', handoff.files_touched.map((file) => `\`${file.replace(/`/g, "'")}\``))}
    ${list('Decisions', handoff.decisions)}
    <p>${textWithCode(handoff.summary)}</p>
  </section>`;
}

/** Pinned pages and rules: what every session starts from (the briefing leads with them too). */
function standing(pages: readonly PageSummary[]): SafeHtml | '' {
  const chosen = pages.filter((p) => p.pinned || p.kind === 'rule');
  if (chosen.length === 0) return '';
  const rank = (p: PageSummary) => (p.kind === 'rule' ? 0 : 1);
  const sorted = [...chosen].sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title));
  return html`<section class="panel standing" aria-label="Pinned pages and rules">
    <h2>Pinned and rules</h2>
    <ul class="list">${sorted.map((p) => html`<li>${kindBadge(p.kind)}${p.pinned ? html`<span class="badge pinned">pinned</span>` : ''}<a class="grow" href="${webUrl.page(p)}" title="${p.path}">${p.title}</a>${p.summary ? html`<span class="muted summary">${p.summary}</span>` : ''}</li>`)}</ul>
  </section>`;
}

function recentItem(page: PageSummary): SafeHtml {
  return html`<li>${kindBadge(page.kind)}<a class="grow" href="${webUrl.page(page)}">${page.title}</a><span class="when">${timeAgo(page.updated)}</span></li>`;
}

function sessionItem(scope: { workspace: string; project: string }, session: SessionView): SafeHtml {
  return html`<li>${session.open ? html`<span class="badge open">live</span>` : html`<span class="badge">${session.agent}</span>`}
    <a class="grow" href="${webUrl.session(scope.workspace, scope.project, session.file_id)}">${session.page?.title ?? session.title ?? session.session_id}</a>
    <span class="when">${timeAgo(session.last_at)}</span></li>`;
}
