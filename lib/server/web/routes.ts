import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { MemoryError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Services } from '../../services/services.js';
import { HTTP_STATUS, toMemoryError } from '../http/errors.js';
import { param, query, wildcard } from '../http/api-v1.js';
import { serveAsset } from './assets.js';
import type { SafeHtml } from './html.js';
import { loadDiff, loadHistory, loadHome, loadPage, loadProject, loadSearch, loadSession, suggest } from './load.js';
import { errorView } from './views/session.js';

/**
 * No inline script or style, nothing from other origins, no plugins, no framing: even if
 * sanitizing missed something, the browser would refuse to run it.
 */
export const WEB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The built-in read-only web UI under /web (SPEC section 7): server-rendered HTML. */
export function webRoutes(services: Services, logger: Logger): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.set('content-security-policy', WEB_CSP);
    res.set('x-content-type-options', 'nosniff');
    res.set('referrer-policy', 'no-referrer');
    res.set('x-frame-options', 'DENY');
    next();
  });
  const scopeOf = (req: Request) => ({ workspace: param(req, 'ws'), project: param(req, 'project') });
  const send = (res: Response, page: SafeHtml) => {
    res.set('content-type', 'text/html; charset=utf-8');
    res.set('cache-control', 'no-store');
    res.send(page.value);
  };

  router.get('/assets/:name', serveAsset);
  router.get('/', async (req, res) => {
    // `/web` and `/web/` are the same page; the slash keeps relative URLs predictable.
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, '/web/');
    send(res, await loadHome(services));
  });
  router.get('/suggest', (req, res) => {
    res.json(suggest(services, query(req, 'q'), { workspace: query(req, 'workspace'), project: query(req, 'project') }, query(req, 'limit')));
  });
  router.get('/search', async (req, res) => {
    send(res, await loadSearch(services, { q: query(req, 'q') ?? '', scope: query(req, 'scope') ?? '', kind: query(req, 'kind') ?? '', folder: query(req, 'folder') ?? '' }));
  });
  router.get('/w/:ws/:project', async (req, res) => send(res, await loadProject(services, scopeOf(req))));
  router.get('/w/:ws/:project/p/*path', async (req, res) => {
    send(res, await loadPage(services, { ...scopeOf(req), path: wildcard(req) }, query(req, 'rev'), query(req, 'as_of')));
  });
  router.get('/w/:ws/:project/history/*path', async (req, res) => send(res, await loadHistory(services, { ...scopeOf(req), path: wildcard(req) })));
  router.get('/w/:ws/:project/diff/*path', async (req, res) => {
    send(res, await loadDiff(services, { ...scopeOf(req), path: wildcard(req) }, query(req, 'rev')));
  });
  router.get('/w/:ws/:project/sessions/:id', async (req, res) => send(res, await loadSession(services, scopeOf(req), param(req, 'id'))));

  router.use((req, _res, next) => next(new MemoryError('NOT_FOUND', `nothing at ${req.originalUrl.split('?')[0]}`)));
  router.use(htmlErrors(logger));
  return router;
}

/** Errors as an HTML page with the right status (the JSON API keeps its JSON errors). */
function htmlErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    // Express's own 4xx (a path that is not valid percent-encoding) become the same 400 as in the API.
    const mapped = toMemoryError(error);
    const known = mapped.code === 'INTERNAL' ? null : mapped;
    const status = known ? HTTP_STATUS[known.code] : 500;
    if (!known) logger.error(`GET ${req.originalUrl} failed: ${(error as Error)?.stack ?? String(error)}`);
    if (req.path === '/suggest') {
      res.status(status).json(known ? known.toJSON() : { error: 'internal error', code: 'INTERNAL' });
      return;
    }
    res.status(status);
    res.set('content-type', 'text/html; charset=utf-8');
    res.send(errorView(status, known ? known.message : 'internal error').value);
  };
}
