import type { TitleSuggestion } from '../../core/contract-browse.js';
import type { PageHit, PageSummary } from '../../core/contract.js';
import { invalid, MemoryError } from '../../core/errors.js';
import { PAGE_KINDS, type PageKind } from '../../core/page.js';
import type { ScopeInput } from '../../services/scope.js';
import type { Services } from '../../services/services.js';
import { COUNTS } from '../../core/wire/limits.js';
import { numberParam, parseWire } from '../../core/wire/parse.js';
import { webTitlesQuery } from '../../core/wire/search.js';
import type { SafeHtml } from './html.js';
import { renderMarkdownCached, type ResolvedTargets } from './render-cache.js';
import { webUrl } from './urls.js';
import { wikilinkTargets } from './wikilink-syntax.js';
import { diffView, historyView } from './views/history.js';
import { homeView } from './views/home.js';
import { pageView } from './views/page.js';
import { projectView } from './views/project.js';
import { searchView } from './views/search.js';
import { sessionView } from './views/session.js';

/** Each web page: gather its data through the services, then render one view. */

const RAIL_HISTORY = 12;
const TIMELINE_ROWS = 1000;
const LISTED_MAX = 1000;

type PageInput = ScopeInput & { path: string };

export async function loadHome(services: Services): Promise<SafeHtml> {
  return homeView(await services.browse.overview());
}

export async function loadProject(services: Services, scope: ScopeInput): Promise<SafeHtml> {
  const overview = await services.browse.projectOverview(scope, 10);
  return projectView(overview, services.pages.listPages(scope));
}

function projectName(services: Services, scope: { workspace: string; project: string }): string {
  return services.browse.projectName(scope);
}

export async function loadPage(services: Services, input: PageInput, rev: string | undefined, asOf?: string): Promise<SafeHtml> {
  // The file, the history panel's commits and their count are independent reads: overlapped,
  // they also share one walk of the history index up to HEAD.
  const [page, history, count] = await Promise.all([
    services.pages.readPage(input, { rev, asOf }),
    services.history.pageHistory(input, { stats: true, limit: RAIL_HISTORY }).catch(() => null),
    services.browse.versionCount(input).catch(() => 0),
  ]);
  const total = history ? count : 0;
  const resolved = services.browse.resolveWikilinks(input, wikilinkTargets(page.body));
  const targets: ResolvedTargets = new Map();
  for (const [target, found] of resolved) {
    targets.set(target, found ? { href: webUrl.page(found), title: found.project === page.project ? found.title : `${found.title} (${found.project})` } : null);
  }
  const rendered = await renderMarkdownCached(page.body, targets, page.title);
  const current = page.rev ? null : page;
  return pageView({
    page,
    rendered,
    projectName: projectName(services, page),
    history: history?.commits ?? [],
    historyTotal: total,
    chain: current ? services.browse.supersessionChain(input) : { older: [], newer: [] },
    pages: services.pages.listPages(input),
  });
}

export async function loadHistory(services: Services, input: PageInput): Promise<SafeHtml> {
  const history = await services.history.pageHistory(input, { stats: true });
  return historyView(history, titleOf(services, input), projectName(services, history));
}

export async function loadDiff(services: Services, input: PageInput, rev: string | undefined): Promise<SafeHtml> {
  if (!rev) throw invalid('pick a version: the diff needs ?rev=<commit>');
  const diff = await services.browse.diff(input, rev);
  return diffView(diff, titleOf(services, input), projectName(services, diff));
}

function titleOf(services: Services, input: PageInput): string {
  return services.browse.pageTitle(input);
}

export async function loadSearch(services: Services, params: { q: string; scope: string; kind: string; folder: string }): Promise<SafeHtml> {
  const projects = services.projects.listProjects();
  const base = { q: params.q, scope: params.scope, kind: params.kind, folder: params.folder, projects, hits: null as PageHit[] | null, listed: null as PageSummary[] | null };
  try {
    const [workspace, project] = params.scope ? params.scope.split('/') : [];
    if (params.scope && !(workspace && project)) throw invalid('scope must be workspace/project');
    const kind = params.kind ? (PAGE_KINDS as readonly string[]).includes(params.kind) ? (params.kind as PageKind) : undefined : undefined;
    if (params.kind && !kind) throw invalid(`kind must be one of ${PAGE_KINDS.join(', ')}`);
    if (params.q.trim() !== '') {
      const request = { q: params.q, limit: 50, ...(workspace && project ? { workspace, project } : {}), ...(kind ? { kinds: [kind] } : {}) };
      base.hits = (await services.search.search(services.search.fromRequest(request))).hits;
    } else if (kind || params.folder) {
      if (params.folder && !(workspace && project)) throw invalid('a folder listing needs a project (scope=workspace/project)');
      const scopes = workspace && project ? [{ workspace, project }] : projects;
      const prefix = params.folder ? `${params.folder.replace(/\/+$/, '')}/` : '';
      base.listed = scopes
        .flatMap((s) => services.pages.listPages(s))
        .filter((p) => (!kind || p.kind === kind) && p.path.startsWith(prefix))
        .slice(0, LISTED_MAX);
    }
    return searchView(base);
  } catch (error) {
    if (!(error instanceof MemoryError) || error.code === 'INTERNAL') throw error;
    return searchView({ ...base, error: error.message });
  }
}

export async function loadSession(services: Services, scope: ScopeInput, id: string): Promise<SafeHtml> {
  const result = await services.browse.timeline(scope, id, TIMELINE_ROWS);
  const sessions = services.browse.sessions(scope, 1000).sessions;
  const entry = sessions.find((s) => s.file_id === result.session.file_id);
  // Agents answer in markdown; a reply reads as the agent wrote it (sanitized like any page).
  const replies = new Map<number, SafeHtml>();
  await Promise.all(
    result.rows.map(async (row, i) => {
      if (row.type === 'reply') replies.set(i, await renderMarkdownCached(row.text, new Map(), ''));
    }),
  );
  return sessionView({
    workspace: result.session.workspace,
    project: result.session.project,
    projectName: projectName(services, result.session),
    session: result.session,
    ...(entry?.page ? { pagePath: entry.page.path, pageTitle: entry.page.title } : {}),
    rows: result.rows,
    totalRows: result.total_rows,
    replies,
  });
}

/** Type-ahead for the header search box: titles with the URL to open. */
export function suggest(services: Services, q: string | undefined, scope: ScopeInput, limit: string | undefined): { titles: Array<TitleSuggestion & { url: string }> } {
  const request = parseWire(webTitlesQuery, { limit: numberParam(limit) });
  const { titles } = services.browse.titles(q, scope, request.limit ?? COUNTS.webTitles.fallback);
  return { titles: titles.map((t) => ({ ...t, url: webUrl.page(t) })) };
}
