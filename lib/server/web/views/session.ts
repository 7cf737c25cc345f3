import type { MarkerRow, PromptRow, TimelineRow, ToolRow } from '../../../core/capture/timeline.js';
import { failureExcerpt } from '../../../core/capture/timeline.js';
import { html, type SafeHtml } from '../html.js';
import { layout, plural, timeAgo } from '../layout.js';
import { webUrl } from '../urls.js';
import { toolOutput } from './tool-output.js';

export interface SessionViewData {
  workspace: string;
  project: string;
  projectName: string;
  session: { session_id: string; agent: string; open: boolean; last_at: string };
  pagePath?: string;
  /** The session page's title, when the session was written up. */
  pageTitle?: string;
  rows: TimelineRow[];
  totalRows: number;
  /** Assistant replies rendered as markdown, by row index. */
  replies: Map<number, SafeHtml>;
}

const MARKERS: Record<string, string> = {
  'session-start': 'Session started',
  'session-end': 'Session ended',
  'post-compact': 'Context compacted',
  'pre-compact': 'Context compacting',
  'subagent-start': 'Subagent started',
  'subagent-stop': 'Subagent finished',
  stop: 'Agent stopped',
  notification: 'Notification',
};

export function sessionView(data: SessionViewData): SafeHtml {
  const tools = data.rows.filter((r): r is ToolRow => r.type === 'tool');
  const failed = tools.filter((t) => t.failed).length;
  const title = sessionTitle(data);
  const main = html`<header class="page-head">
      <h1>${title}</h1>
      <div class="meta">
        <span class="badge">${data.session.agent}</span>
        <code title="session id">${data.session.session_id}</code>
        ${data.session.open ? html`<span class="badge open">live</span>` : ''}
        <span>${plural(data.rows.filter((r) => r.type === 'prompt').length, 'prompt')}</span>
        <span>${plural(tools.length, 'tool call')}${failed > 0 ? html`, <span class="fail-count">${failed} failed</span>` : ''}</span>
        <span>last event ${timeAgo(data.session.last_at)}</span>
        ${data.pagePath ? html`<a href="${webUrl.page({ workspace: data.workspace, project: data.project, path: data.pagePath })}">Session page</a>` : ''}
      </div>
    </header>
    ${data.totalRows > data.rows.length ? html`<p class="notice">Showing the first ${data.rows.length} of ${data.totalRows} steps.</p>` : ''}
    <ol class="timeline">${data.rows.map((row, i) => rowHtml(row, data.replies.get(i), i + 1, data.session.open))}</ol>`;
  return layout({
    title,
    crumbs: [
      { label: 'Projects', href: webUrl.home() },
      { label: data.projectName, href: webUrl.project(data.workspace, data.project) },
      { label: title },
    ],
    scope: { workspace: data.workspace, project: data.project },
    main,
  });
}

/** What the session was about: its page's title, else its first prompt cut at a word; the id is in the meta line. */
function sessionTitle(data: SessionViewData): string {
  if (data.pageTitle) return data.pageTitle;
  const prompt = data.rows.find((r): r is PromptRow => r.type === 'prompt')?.text.split('\n')[0]?.trim();
  if (!prompt) return `Session ${data.session.session_id.slice(0, 8)}`;
  if (prompt.length <= 80) return prompt;
  const cut = prompt.slice(0, 80);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 80)}…`;
}

function rowHtml(row: TimelineRow, reply: SafeHtml | undefined, step: number, live: boolean): SafeHtml {
  switch (row.type) {
    case 'prompt':
      return promptRow(row, step);
    case 'reply':
      return html`<li class="ev-reply" id="step-${step}">${head(row.at, step, 'Agent')}<div class="reply markdown">${reply ?? row.text}</div></li>`;
    case 'tool':
      return toolRow(row, step, live);
    case 'marker':
      return markerRow(row, step);
  }
}

/** The time links to the row itself (`#step-12`), to point someone at one step of a session. */
function head(at: string, step: number, label: string, extra: SafeHtml | string = ''): SafeHtml {
  return html`<div class="ev-head"><a class="step-link" href="#step-${step}"><time datetime="${at}" title="${at}">${new Date(at).toISOString().slice(11, 19)}</time></a><b>${label}</b>${extra}</div>`;
}

function promptRow(row: PromptRow, step: number): SafeHtml {
  return html`<li class="ev-prompt" id="step-${step}">${head(row.at, step, 'Prompt')}<div class="prompt">${row.text}</div></li>`;
}

function toolRow(row: ToolRow, step: number, live: boolean): SafeHtml {
  // An MCP call without arguments is captured as `{}`: nothing worth a code span.
  const input = row.input && !/^\s*(\{\}|\[\])\s*$/.test(row.input) ? row.input : undefined;
  const inputLines = input?.split('\n') ?? [];
  const firstLine = inputLines[0] ?? '';
  const otherFiles = (row.files ?? []).filter((f) => !firstLine.endsWith(f));
  const status = row.failed
    ? html`<span class="badge fail">${row.exit_code !== undefined ? `exit ${row.exit_code}` : 'failed'}</span>`
    : row.done_at === undefined
      ? html`<span class="badge muted">${live ? 'no result yet' : 'no result'}</span>`
      : '';
  const extra = html`${firstLine ? html`<code class="ev-input" title="${input}">${firstLine}</code>` : ''}${status}
    ${otherFiles.length > 0 ? html`<span class="muted ev-files">${otherFiles.join(', ')}</span>` : ''}`;
  const excerpt = row.failed ? failureExcerpt(row) : undefined;
  const fullInput = inputLines.length > 1 ? html`<details><summary>Input · ${plural(inputLines.length, 'line')}</summary><pre>${input}</pre></details>` : '';
  // The error excerpt shows the failure; the full output stays one click away.
  const output = row.output !== undefined && row.output !== '' && !(excerpt && excerpt === row.output)
    ? html`<details><summary>${row.failed ? 'Full output' : 'Output'} · ${plural(row.output.split('\n').length, 'line')}</summary>${toolOutput(row.output)}</details>`
    : '';
  return html`<li class="ev-tool${row.failed ? ' failed' : ''}" id="step-${step}">${head(row.at, step, row.name, extra)}
    ${excerpt ? html`<pre class="ev-error">${excerpt}</pre>` : ''}${fullInput}${output}</li>`;
}

function markerRow(row: MarkerRow, step: number): SafeHtml {
  const label = MARKERS[row.kind] ?? row.kind;
  return html`<li class="ev-marker ev-${row.kind}" id="step-${step}">${head(row.at, step, label, row.detail ? html`<span class="muted">${row.detail.split('\n')[0]}</span>` : '')}</li>`;
}

export function errorView(status: number, message: string): SafeHtml {
  const heading = status === 404 ? 'Not found' : status < 500 ? 'That did not work' : 'Something went wrong';
  return layout({
    title: heading,
    crumbs: [{ label: 'Projects', href: webUrl.home() }, { label: heading }],
    main: html`<h1>${heading}</h1><p class="banner" role="alert">${message}</p><p><a href="${webUrl.home()}">Back to all projects</a></p>`,
  });
}
