import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DiffResponse, OverviewResponse, ProjectOverview, RelatedResponse, SessionsResponse, TitlesResponse } from '../../lib/core/contract-browse.js';
import type { HistoryResponse, PageResponse } from '../../lib/core/contract.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { seedWebWiki, WEB_PAGES } from '../helpers/web-wiki.js';

describe('JSON API: browsing routes', () => {
  let server: TestServer;
  const demo = '/api/v1/workspaces/default/projects/demo';
  const get = async <T>(path: string, status = 200): Promise<T> => {
    const response = await fetch(`${server.url}${path}`);
    const body = (await response.json()) as T;
    assert.equal(response.status, status, `${path}: ${JSON.stringify(body)}`);
    return body;
  };
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    await seedWebWiki(server);
  });

  it('overview: one card per project, most recently active first, with the pending handoff', async () => {
    const { projects } = await get<OverviewResponse>('/api/v1/overview');
    assert.deepEqual(projects.map((p) => p.project).sort(), ['demo', 'other-app']);
    const demoCard = projects.find((p) => p.project === 'demo')!;
    assert.equal(demoCard.captured_sessions, 1);
    assert.equal(demoCard.session_count, 1);
    assert.ok(demoCard.last_activity);
    assert.match(demoCard.pending_handoff?.summary ?? '', /Redis cache/);
    assert.match(demoCard.pending_handoff?.path ?? '', /^handoffs\/.+\.md$/);
    assert.equal(projects.find((p) => p.project === 'other-app')!.pending_handoff, null);
    const other = await get<OverviewResponse>('/api/v1/overview?workspace=nope');
    assert.deepEqual(other.projects, []);
  });

  it('project overview: kinds, recent pages and recent sessions', async () => {
    const overview = await get<ProjectOverview>(`${demo}/overview?limit=3`);
    assert.equal(overview.recent_pages.length, 3);
    assert.equal(overview.kinds.decision, 2);
    assert.equal(overview.recent_sessions[0]?.session_id, 'web-session-1');
    assert.equal(overview.recent_sessions[0]?.page?.path, 'sessions/web-session-1.md');
  });

  it('briefing: counts, rules and pinned pages', async () => {
    const briefing = await get<{ counts: { decisions: number; rules: number }; rules: Array<{ path: string }>; pinned: Array<{ path: string }> }>(`${demo}/briefing`);
    assert.equal(briefing.counts.decisions, 2);
    assert.deepEqual(briefing.rules.map((r) => r.path), [WEB_PAGES.rule]);
    assert.deepEqual(briefing.pinned.map((r) => r.path), [WEB_PAGES.rule]);
  });

  it('sessions and a session\'s observations (prompts and tool calls), paged', async () => {
    const list = await get<SessionsResponse>(`${demo}/sessions`);
    assert.equal(list.total, 1);
    assert.equal(list.sessions[0]?.agent, 'claude-code');
    const all = await get<{ observations: Array<{ kind: string; title: string; body: string }>; total: number }>(`${demo}/sessions/web-session-1/observations`);
    assert.deepEqual(all.observations.map((o) => o.kind), ['session-start', 'user-prompt', 'pre-tool', 'post-tool', 'post-tool', 'session-end']);
    assert.equal(all.observations[1]?.body, 'Add a Redis cache in front of the user lookups in `getUser`');
    const tools = await get<{ observations: Array<{ title: string }>; total: number }>(`${demo}/sessions/web-session-1/observations?kinds=post-tool&order=desc&limit=1`);
    assert.equal(tools.total, 2);
    assert.deepEqual(tools.observations.map((o) => o.title), ['Bash']);
  });

  it('diff: what a commit changed in a page, against the previous version of the page', async () => {
    const history = await get<HistoryResponse>(`${demo}/history/${WEB_PAGES.db}`);
    assert.equal(history.commits.length, 3);
    const newestOnly = await get<HistoryResponse>(`${demo}/history/${WEB_PAGES.db}?limit=1&stats=true`);
    assert.equal(newestOnly.commits.length, 1);
    assert.equal(newestOnly.commits[0]?.stat?.added, 2);
    const [newest, middle, oldest] = history.commits;
    const diff = await get<DiffResponse>(`${demo}/diff/${WEB_PAGES.db}?rev=${middle!.short}`);
    assert.equal(diff.rev, middle!.commit);
    assert.equal(diff.parent, oldest!.commit);
    const lines = diff.hunks.flatMap((h) => h.lines);
    assert.ok(lines.some((l) => l.op === '-' && l.text === 'We start with SQLite.'));
    assert.ok(lines.some((l) => l.op === '+' && l.text === 'We start with SQLite because it needs no server.'));
    assert.equal(diff.stat.added, lines.filter((l) => l.op === '+').length);
    const created = await get<DiffResponse>(`${demo}/diff/${WEB_PAGES.db}?rev=${oldest!.commit}`);
    assert.equal(created.parent, null);
    assert.equal(created.stat.removed, 0);
    // The page at a revision is the pages route with ?rev=.
    const old = await get<PageResponse>(`${demo}/pages/${WEB_PAGES.db}?rev=${oldest!.short}`);
    assert.equal(old.rev, oldest!.commit);
    assert.doesNotMatch(old.body, /Revisit/);
    // A commit that did not touch the page has no diff for it.
    const elsewhere = await fetch(`${server.url}${demo}/diff/${WEB_PAGES.cache}?rev=${newest!.commit}`);
    assert.equal(elsewhere.status, 404);
    assert.match(((await elsewhere.json()) as { error: string }).error, /did not change notes\/cache\.md/);
  });

  it('titles: prefix and fuzzy type-ahead in one project or all', async () => {
    const inDemo = await get<TitlesResponse>('/api/v1/titles?q=cach&workspace=default&project=demo');
    assert.equal(inDemo.titles[0]?.path, WEB_PAGES.cache);
    const everywhere = await get<TitlesResponse>('/api/v1/titles?q=glosary');
    assert.deepEqual(everywhere.titles.map((t) => `${t.project}:${t.path}`), ['other-app:notes/shared-glossary.md']);
    assert.deepEqual((await get<TitlesResponse>('/api/v1/titles?q=')).titles, []);
  });

  it('related and backlinks: pages a link away, the supersession both ways', async () => {
    const related = await get<RelatedResponse>(`${demo}/related/${WEB_PAGES.cache}`);
    const byPath = new Map(related.related.map((r) => [`${r.project}:${r.path}`, r.direction]));
    assert.equal(byPath.get(`demo:${WEB_PAGES.db}`), 'link');
    assert.equal(byPath.get('other-app:notes/shared-glossary.md'), 'link');
    assert.equal(byPath.get(`demo:${WEB_PAGES.db2}`), 'backlink');
    const backlinks = await get<{ backlinks: Array<{ path: string }>; superseded_by: Array<{ path: string }> }>(`${demo}/backlinks/${WEB_PAGES.db}`);
    assert.deepEqual(backlinks.superseded_by.map((l) => l.path), [WEB_PAGES.db2]);
    assert.ok(backlinks.backlinks.some((l) => l.path === WEB_PAGES.cache));
  });

  const errors: Array<[string, number, RegExp]> = [
    [`${demo}/diff/${WEB_PAGES.db}`, 400, /rev .* is required/],
    [`${demo}/diff/${WEB_PAGES.db}?rev=zzzz`, 400, /not a commit id/],
    [`${demo}/diff/${WEB_PAGES.db}?rev=${'0'.repeat(40)}`, 404, /./],
    [`${demo}/diff/..%2Fescape.md?rev=HEAD`, 400, /./],
    ['/api/v1/workspaces/default/projects/nope/overview', 404, /no project default\/nope/],
    ['/api/v1/workspaces/default/projects/nope/briefing', 404, /no project default\/nope/],
    [`${demo}/sessions?limit=0`, 400, /limit/],
    [`${demo}/sessions?offset=-1`, 400, /offset/],
    [`${demo}/sessions/nope/observations`, 404, /no session nope/],
    [`${demo}/sessions/web-session-1/observations?order=sideways`, 400, /order/],
    ['/api/v1/titles', 400, /q .* is required/],
    ['/api/v1/titles?q=x&project=demo', 400, /without workspace/],
    ['/api/v1/titles?q=x&limit=500', 400, /limit/],
    [`${demo}/related/notes/missing.md`, 404, /no page notes\/missing\.md/],
    [`${demo}/related/${WEB_PAGES.cache}?depth=9`, 400, /depth/],
    [`${demo}/backlinks/notes/missing.md`, 404, /no page/],
  ];
  for (const [path, status, message] of errors) {
    it(`GET ${path} -> ${status} with {"error": ...}`, async () => {
      const body = await get<{ error: string; code: string }>(path, status);
      assert.match(body.error, message);
      assert.equal(typeof body.code, 'string');
    });
  }
});
