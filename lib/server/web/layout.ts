import { html, type HtmlValue, type SafeHtml } from './html.js';
import { webUrl } from './urls.js';
import { ASSET_VERSION } from './assets.js';

export interface Crumb {
  label: string;
  href?: string;
}

export interface LayoutOptions {
  title: string;
  crumbs?: Crumb[];
  main: HtmlValue;
  sidebar?: HtmlValue;
  rail?: HtmlValue;
  /** Scope of the header search box (a project page searches that project by default). */
  scope?: { workspace: string; project: string };
  q?: string;
  /** False where the page has its own search box (one box per page, which `/` focuses). */
  headerSearch?: boolean;
}

/** The page shell: top bar (brand, breadcrumbs, search, theme toggle), sidebar, content, rail. */
export function layout(options: LayoutOptions): SafeHtml {
  const { scope } = options;
  const shellClass = ['shell', options.sidebar ? 'has-sidebar' : '', options.rail ? 'has-rail' : ''].filter(Boolean).join(' ');
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${options.title} · ai-memory</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${webUrl.asset(`app.css?v=${ASSET_VERSION}`)}">
<script src="${webUrl.asset(`app.js?v=${ASSET_VERSION}`)}"></script>
</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="topbar">
  <a class="brand" href="${webUrl.home()}"><span class="brand-mark" aria-hidden="true">◆</span> ai-memory</a>
  <nav class="crumbs" aria-label="Breadcrumbs">${(options.crumbs ?? []).map(crumb)}</nav>
  ${options.headerSearch === false ? '' : html`<form class="search" role="search" action="/web/search" method="get">
    <input type="search" name="q" value="${options.q ?? ''}" placeholder="${scope ? `Search ${scope.project}…` : 'Search all projects…'}" aria-keyshortcuts="/" title="Search (press /)"
      autocomplete="off" aria-label="Search" data-suggest${scope ? html` data-workspace="${scope.workspace}" data-project="${scope.project}"` : ''}>
    ${scope ? html`<input type="hidden" name="scope" value="${scope.workspace}/${scope.project}">` : ''}
    <ul class="suggest" role="listbox" hidden></ul>
  </form>`}
  <button class="theme-toggle" type="button" data-theme-toggle aria-label="Toggle dark mode" title="Toggle dark mode">
    <span class="icon-sun" aria-hidden="true">☀</span><span class="icon-moon" aria-hidden="true">☾</span>
  </button>
</header>
<div class="${shellClass}">
  ${options.sidebar ? html`<nav class="sidebar" aria-label="Pages">${options.sidebar}</nav>` : ''}
  <main class="content" id="content" tabindex="-1">${options.main}</main>
  ${options.rail ? html`<aside class="rail">${options.rail}</aside>` : ''}
</div>
<footer class="footer">Read-only view of the memory wiki · every change is a git commit</footer>
</body>
</html>`;
}

function crumb(c: Crumb): SafeHtml {
  return c.href ? html`<a href="${c.href}">${c.label}</a><span class="sep">/</span>` : html`<span class="current">${c.label}</span>`;
}

export function kindBadge(kind: string | null | undefined): SafeHtml {
  return kind ? html`<span class="badge kind-${kind}">${kind}</span>` : html``;
}

/** "3 hours ago", with the exact instant in a tooltip. */
export function timeAgo(iso: string | undefined, now = Date.now()): SafeHtml {
  if (!iso) return html`<span class="muted">never</span>`;
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const units: Array<[number, string]> = [[86400 * 365, 'year'], [86400 * 30, 'month'], [86400 * 7, 'week'], [86400, 'day'], [3600, 'hour'], [60, 'minute']];
  let text = 'just now';
  for (const [size, name] of units) {
    if (seconds >= size) {
      const n = Math.floor(seconds / size);
      text = `${n} ${name}${n === 1 ? '' : 's'} ago`;
      break;
    }
  }
  return html`<time datetime="${iso}" title="${iso}">${text}</time>`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "Update default/demo/notes/x.md: Title" reads as "Update: Title" where the page is known. */
export function commitLabel(message: string, ref: { workspace: string; project: string; path: string }): string {
  const rel = `${ref.workspace}/${ref.project}/${ref.path}`;
  const first = message.split('\n')[0]!;
  return first.replace(` ${rel}: `, ': ').replace(` ${rel}`, '');
}
