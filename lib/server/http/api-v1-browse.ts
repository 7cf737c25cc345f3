import type { Request, Router } from 'express';
import { invalid } from '../../core/errors.js';
import { COUNTS, OBSERVATION_BODY } from '../../core/wire/limits.js';
import { relatedQuery } from '../../core/wire/pages.js';
import { titlesQuery } from '../../core/wire/search.js';
import { listQuery, observationsQuery, sessionsQuery } from '../../core/wire/status.js';
import type { Services } from '../../services/services.js';
import { param, query, wildcard } from './api-v1.js';
import { parseQuery } from './wire-query.js';

/** The browsing routes of /api/v1 (overview, briefing, sessions, diffs, titles, related). */
export function addBrowseRoutes(router: Router, services: Services): void {
  const { browse } = services;
  const scopeOf = (req: Request) => ({ workspace: param(req, 'ws'), project: param(req, 'project') });
  const project = '/workspaces/:ws/projects/:project';

  router.get('/overview', async (req, res) => {
    res.json(await browse.overview(query(req, 'workspace')));
  });

  router.get(`${project}/overview`, async (req, res) => {
    res.json(await browse.projectOverview(scopeOf(req), listLimit(req)));
  });

  router.get(`${project}/briefing`, async (req, res) => {
    res.json(await browse.briefing(scopeOf(req), listLimit(req)));
  });

  router.get(`${project}/sessions`, (req, res) => {
    const { limit, offset } = parseQuery(req, sessionsQuery, { numbers: ['limit', 'offset'] });
    res.json(browse.sessions(scopeOf(req), limit ?? COUNTS.sessions.fallback, offset ?? 0));
  });

  router.get(`${project}/sessions/:id/observations`, async (req, res) => {
    const request = parseQuery(req, observationsQuery, { strings: ['order', 'q'], numbers: ['limit', 'offset', 'body_max_chars'], lists: ['kinds'] });
    res.json(
      await browse.observations(scopeOf(req), {
        sessionId: param(req, 'id'),
        limit: request.limit ?? COUNTS.observationsForApi.fallback,
        offset: request.offset ?? 0,
        order: request.order ?? 'asc',
        kinds: request.kinds,
        query: request.q,
        bodyMaxChars: request.body_max_chars ?? OBSERVATION_BODY.forApi.fallback,
      }),
    );
  });

  router.get(`${project}/diff/*path`, async (req, res) => {
    const rev = query(req, 'rev');
    if (!rev) throw invalid('rev (the commit to compare with its previous version) is required');
    res.json(await browse.diff({ ...scopeOf(req), path: wildcard(req) }, rev));
  });

  router.get(`${project}/related/*path`, (req, res) => {
    const { depth } = parseQuery(req, relatedQuery, { numbers: ['depth'] });
    res.json(browse.related({ ...scopeOf(req), path: wildcard(req) }, depth ?? 1));
  });

  router.get(`${project}/backlinks/*path`, async (req, res) => {
    const page = await services.pages.readPage({ ...scopeOf(req), path: wildcard(req) });
    const { workspace, project: name, path, backlinks, superseded_by, supersedes } = page;
    res.json({ workspace, project: name, path, backlinks, supersedes, superseded_by });
  });

  router.get('/titles', (req, res) => {
    const { q, workspace, project: name, limit } = parseQuery(req, titlesQuery, { strings: ['q', 'workspace', 'project'], numbers: ['limit'] });
    res.json(browse.titles(q, { workspace, project: name }, limit ?? COUNTS.titles.fallback));
  });
}

/** `?limit=` of the overview and briefing lists. */
function listLimit(req: Request): number {
  return parseQuery(req, listQuery, { numbers: ['limit'] }).limit ?? COUNTS.hits.fallback;
}
