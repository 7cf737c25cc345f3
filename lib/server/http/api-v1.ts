import { Router, type Request } from 'express';
import type { SearchRequest } from '../../core/contract.js';
import { invalid } from '../../core/errors.js';
import type { Services } from '../../services/services.js';
import { clampLimit } from '../../services/pages.js';
import { addBrowseRoutes } from './api-v1-browse.js';

/** Read-only JSON API (SPEC section 7). Every handler is: read params, one service call, reply. */
export function apiV1Routes(services: Services): Router {
  const router = Router();
  const scopeOf = (req: Request) => ({ workspace: param(req, 'ws'), project: param(req, 'project') });

  router.get('/workspaces', (_req, res) => {
    res.json({ workspaces: services.projects.listWorkspaces() });
  });

  router.get('/projects', (req, res) => {
    res.json({ projects: services.projects.listProjects(query(req, 'workspace')) });
  });

  router.get('/workspaces/:ws/projects/:project/pages', (req, res) => {
    res.json({ pages: services.pages.listPages(scopeOf(req)) });
  });

  router.get('/workspaces/:ws/projects/:project/pages/*path', async (req, res) => {
    const page = await services.pages.readPage(
      { ...scopeOf(req), path: wildcard(req) },
      { rev: query(req, 'rev'), asOf: query(req, 'as_of') },
    );
    res.json(page);
  });

  router.get('/workspaces/:ws/projects/:project/history/*path', async (req, res) => {
    // ?limit= keeps only the newest commits; ?stats=true adds lines added/removed per commit.
    const limit = query(req, 'limit');
    res.json(
      await services.history.pageHistory(
        { ...scopeOf(req), path: wildcard(req) },
        { ...(limit !== undefined ? { limit: clampLimit(limit, 50, 1000) } : {}), stats: query(req, 'stats') === 'true' },
      ),
    );
  });

  router.get('/workspaces/:ws/projects/:project/recent', (req, res) => {
    res.json({ pages: services.pages.recent(scopeOf(req), clampLimit(query(req, 'limit'))) });
  });

  router.get('/search', async (req, res) => {
    const request: SearchRequest = { q: query(req, 'q') ?? '' };
    for (const key of ['workspace', 'project', 'limit'] as const) {
      const value = query(req, key);
      if (value !== undefined) (request as unknown as Record<string, string>)[key] = value;
    }
    const kinds = query(req, 'kinds');
    if (kinds) request.kinds = kinds.split(',') as SearchRequest['kinds'];
    if (query(req, 'include_superseded') === 'true') request.include_superseded = true;
    if (query(req, 'include_expired') === 'true') request.include_expired = true;
    res.json(await services.search.search(services.search.fromRequest(request)));
  });

  router.post('/search', async (req, res) => {
    const body = req.body as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('send a JSON object {q, scopes, limit}');
    const request = body as SearchRequest;
    const result = await services.search.search(services.search.fromRequest(request));
    res.json(request.answer === true ? { ...result, ...(await services.memory.answer(result.query, result.hits)) } : result);
  });

  addBrowseRoutes(router, services);
  return router;
}

export function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}

/** Express 5 gives a named wildcard as an array of decoded segments. */
export function wildcard(req: Request): string {
  const value = (req.params as Record<string, unknown>).path;
  return Array.isArray(value) ? value.join('/') : String(value ?? '');
}

export function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`query parameter ${name} must be given once`);
  return value;
}
