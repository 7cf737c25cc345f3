import type { Observation } from '../../../services/memory/observations.js';
import { html, type SafeHtml } from '../html.js';
import { layout, plural, timeAgo } from '../layout.js';
import { webUrl } from '../urls.js';

export interface SessionViewData {
  workspace: string;
  project: string;
  projectName: string;
  session: { session_id: string; agent: string; open: boolean; last_at: string };
  fileId: string;
  pagePath?: string;
  observations: Observation[];
  total: number;
}

const LABELS: Record<string, string> = {
  'session-start': 'Session started',
  'session-end': 'Session ended',
  'user-prompt': 'Prompt',
  'pre-tool': 'Tool call',
  'post-tool': 'Tool result',
  'tool-failure': 'Tool failed',
  'post-compact': 'Context compacted',
  'subagent-start': 'Subagent started',
  'subagent-stop': 'Subagent stopped',
  'pre-compact': 'Context compacted',
  stop: 'Agent stopped',
  notification: 'Notification',
};

export function sessionView(data: SessionViewData): SafeHtml {
  const main = html`<header class="page-head">
      <h1>Session ${data.session.session_id}</h1>
      <div class="meta">
        <span class="badge">${data.session.agent}</span>
        ${data.session.open ? html`<span class="badge open">live</span>` : ''}
        <span>${plural(data.total, 'event')}</span><span>last event ${timeAgo(data.session.last_at)}</span>
        ${data.pagePath ? html`<a href="${webUrl.page({ workspace: data.workspace, project: data.project, path: data.pagePath })}">Session page</a>` : ''}
      </div>
    </header>
    ${data.total > data.observations.length ? html`<p class="notice">Showing the first ${data.observations.length} of ${data.total} events.</p>` : ''}
    <ol class="timeline">${data.observations.map(event)}</ol>`;
  return layout({
    title: `Session ${data.session.session_id}`,
    crumbs: [
      { label: 'Projects', href: webUrl.home() },
      { label: data.projectName, href: webUrl.project(data.workspace, data.project) },
      { label: `Session ${data.session.session_id}` },
    ],
    scope: { workspace: data.workspace, project: data.project },
    main,
  });
}

function event(o: Observation): SafeHtml {
  const label = LABELS[o.kind] ?? o.kind;
  const time = new Date(o.at).toISOString().slice(11, 19);
  return html`<li class="ev-${o.kind}${o.failed ? ' failed' : ''}">
    <div class="ev-head"><time datetime="${o.at}" title="${o.at}">${time}</time><b>${label}</b>
      ${o.kind.includes('tool') ? html`<code>${o.title}</code>` : ''}${o.failed ? html`<span class="badge kind-rule">failed</span>` : ''}
      ${o.files && o.files.length > 0 ? html`<span class="muted">${o.files.join(', ')}</span>` : ''}</div>
    ${o.kind === 'user-prompt' ? html`<div class="prompt">${o.body}</div>` : o.body && o.body !== o.title ? html`<details><summary>Details</summary><pre>${o.body}</pre></details>` : ''}
  </li>`;
}

export function errorView(status: number, message: string): SafeHtml {
  const heading = status === 404 ? 'Not found' : status < 500 ? 'That did not work' : 'Something went wrong';
  return layout({
    title: heading,
    crumbs: [{ label: 'Projects', href: webUrl.home() }, { label: heading }],
    main: html`<h1>${heading}</h1><p class="banner" role="alert">${message}</p><p><a href="${webUrl.home()}">Back to all projects</a></p>`,
  });
}
