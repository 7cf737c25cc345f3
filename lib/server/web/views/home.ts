import type { OverviewResponse, ProjectCard } from '../../../core/contract-browse.js';
import { html, textWithCode, type SafeHtml } from '../html.js';
import { layout, plural, timeAgo } from '../layout.js';
import { webUrl } from '../urls.js';

export function homeView(data: OverviewResponse): SafeHtml {
  const byWorkspace = new Map<string, ProjectCard[]>();
  for (const card of data.projects) {
    const list = byWorkspace.get(card.workspace) ?? [];
    list.push(card);
    byWorkspace.set(card.workspace, list);
  }
  const pages = data.projects.reduce((n, p) => n + p.page_count, 0);
  const main = html`<section class="hero">
      <h1>Memory</h1>
      <p>${plural(data.projects.length, 'project')} · ${plural(pages, 'page')} remembered by your agents</p>
    </section>
    ${data.projects.length === 0 ? html`<p class="empty">No projects yet. Pages appear here once an agent (or <code>ai-memory write-page</code>) writes one.</p>` : ''}
    ${[...byWorkspace.entries()].sort(([a], [b]) => a.localeCompare(b)).map(
      ([workspace, cards]) => html`<h2 class="workspace-title">Workspace <code>${workspace}</code></h2>
        <div class="cards">${cards.map(projectCard)}</div>`,
    )}`;
  return layout({ title: 'Projects', crumbs: [{ label: 'Projects' }], main });
}

function projectCard(card: ProjectCard): SafeHtml {
  const sessions = Math.max(card.session_count, card.captured_sessions);
  return html`<a class="card" href="${webUrl.project(card.workspace, card.project)}" data-project="${card.project}">
    <h3>${card.name}${card.pending_handoff ? html` <span class="badge pending" title="A handoff is waiting for the next session">handoff pending</span>` : ''}</h3>
    <div class="slug">${card.workspace}/${card.project}</div>
    <div class="stats">
      <div class="stat"><b>${card.page_count}</b><span>pages</span></div>
      <div class="stat"><b>${sessions}</b><span>sessions</span></div>
      <div class="stat"><b>${timeAgo(card.last_activity)}</b><span>last activity</span></div>
    </div>
    ${card.pending_handoff ? html`<div class="handoff-line">${textWithCode(card.pending_handoff.summary)}</div>` : ''}
  </a>`;
}
