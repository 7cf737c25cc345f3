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
    ${data.projects.length === 0 ? gettingStarted() : ''}
    ${[...byWorkspace.entries()].sort(([a], [b]) => a.localeCompare(b)).map(
      ([workspace, cards]) => html`<h2 class="workspace-title">Workspace <code>${workspace}</code></h2>
        <div class="cards">${cards.map(projectCard)}</div>`,
    )}`;
  return layout({ title: 'Projects', crumbs: [{ label: 'Projects' }], main });
}

/** An empty memory says how to fill it, in the order a new user would do it. */
function gettingStarted(): SafeHtml {
  return html`<section class="panel getting-started" aria-label="Getting started">
    <h2>Nothing remembered yet</h2>
    <p>Projects appear here as soon as something writes to the memory. Three ways to start:</p>
    <ol>
      <li><strong>Capture your agent's sessions</strong>: <code>ai-memory install-hooks --agent claude-code --apply</code>
        (also <code>codex</code>, <code>gemini-cli</code>, <code>cursor</code>, <code>opencode</code>); each session then leaves a page and a handoff for the next one.
        <code>ai-memory install-mcp --client claude-code --apply</code> lets the agent search and write memory itself.</li>
      <li><strong>Seed a project from what it already has</strong>: run <code>ai-memory bootstrap</code> in its folder (git log, README, docs, rule files).</li>
      <li><strong>Write a page yourself</strong>: <code>ai-memory write-page --project demo --path decisions/0001-db.md --title "Use Postgres" --body "Because ..."</code></li>
    </ol>
  </section>`;
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
