import type { Request, Router } from 'express';
import { invalid } from '../../core/errors.js';
import { clampLimit } from '../../services/pages.js';
import type { Services } from '../../services/services.js';
import { param, query, wildcard } from './api-v1.js';

const OBSERVATION_BODY_DEFAULT = 2000;
const OBSERVATION_BODY_MAX = 20000;

/** The browsing routes of /api/v1 (overview, briefing, sessions, diffs, titles, related). */
export function addBrowseRoutes(router: Router, services: Services): void {
  const { browse } = services;
  const scopeOf = (req: Request) => ({ workspace: param(req, 'ws'), project: param(req, 'project') });
  const project = '/workspaces/:ws/projects/:project';

  router.get('/overview', async (req, res) => {
    res.json(await browse.overview(query(req, 'workspace')));
  });

  router.get(`${project}/overview`, async (req, res) => {
    res.json(await browse.projectOverview(scopeOf(req), clampLimit(query(req, 'limit'))));
  });

  router.get(`${project}/briefing`, async (req, res) => {
    res.json(await browse.briefing(scopeOf(req), clampLimit(query(req, 'limit'))));
  });

  router.get(`${project}/sessions`, (req, res) => {
    res.json(browse.sessions(scopeOf(req), clampLimit(query(req, 'limit'), 50, 500), offsetOf(req)));
  });

  router.get(`${project}/sessions/:id/observations`, async (req, res) => {
    const order = query(req, 'order') ?? 'asc';
    if (order !== 'asc' && order !== 'desc') throw invalid('order must be asc or desc');
    const kinds = query(req, 'kinds');
    res.json(
      await browse.observations(scopeOf(req), {
        sessionId: param(req, 'id'),
        limit: clampLimit(query(req, 'limit'), 100, 1000),
        offset: offsetOf(req),
        order,
        kinds: kinds ? kinds.split(',').map((k) => k.trim()).filter(Boolean) : undefined,
        query: query(req, 'q'),
        bodyMaxChars: clampLimit(query(req, 'body_max_chars'), OBSERVATION_BODY_DEFAULT, OBSERVATION_BODY_MAX),
      }),
    );
  });

  router.get(`${project}/diff/*path`, async (req, res) => {
    const rev = query(req, 'rev');
    if (!rev) throw invalid('rev (the commit to compare with its previous version) is required');
    res.json(await browse.diff({ ...scopeOf(req), path: wildcard(req) }, rev));
  });

  router.get(`${project}/related/*path`, (req, res) => {
    const depth = query(req, 'depth');
    res.json(browse.related({ ...scopeOf(req), path: wildcard(req) }, depth === undefined ? 1 : Number(depth)));
  });

  router.get(`${project}/backlinks/*path`, async (req, res) => {
    const page = await services.pages.readPage({ ...scopeOf(req), path: wildcard(req) });
    const { workspace, project: name, path, backlinks, superseded_by, supersedes } = page;
    res.json({ workspace, project: name, path, backlinks, supersedes, superseded_by });
  });

  router.get('/titles', (req, res) => {
    res.json(browse.titles(query(req, 'q'), { workspace: query(req, 'workspace'), project: query(req, 'project') }, clampLimit(query(req, 'limit'), 10, 50)));
  });
}

function offsetOf(req: Request): number {
  const raw = query(req, 'offset');
  if (raw === undefined || raw === '') return 0;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw invalid('offset must be a non-negative integer');
  return value;
}
