import express, { Router, type Request, type RequestHandler } from 'express';
import { invalid } from '../../core/errors.js';
import type { HookRequest } from '../../services/capture/ingest.js';
import type { Services } from '../../services/services.js';
import { query } from './api-v1.js';
import { refuseBrowsers } from './browser-guard.js';
import { actorOf } from './security.js';

/** Above this a hook body is refused with 413 (agents already truncate large tool output). */
export const HOOK_BODY_LIMIT = '2mb';
const BATCH_MAX = 256;
const HINTS = ['agent', 'event', 'workspace', 'project', 'cwd', 'session_id'] as const;

/**
 * Capture endpoints (SPEC section 5). Any content type is read as JSON, because agents and
 * shell fallbacks do not all label their bodies; a body that is not JSON is a 400.
 */
/**
 * A `POST /hook` carrying this header with the process's own rehearsal key is run through
 * everything but the append (the start-up warm-up, lib/server/warm-http.ts). The key is random
 * per process and never leaves it, so no client can have its events dropped this way.
 */
export const REHEARSAL_HEADER = 'x-ai-memory-rehearsal';

export function hookRoutes(services: Services, rehearsalKey?: string): Router {
  // One spelling per route: `/Hook` or `/hook/` is not a capture route, it is a 404.
  const router = Router({ caseSensitive: true, strict: true });
  const json = express.json({ limit: HOOK_BODY_LIMIT, type: () => true, strict: false });

  const stampArrival: RequestHandler = (_req, res, next) => {
    res.locals.receivedAt = performance.now();
    next();
  };

  router.post('/hook', refuseBrowsers, stampArrival, json, async (req, res) => {
    const request: HookRequest = { ...hints(req), body: req.body as unknown };
    const rehearsal = rehearsalKey !== undefined && req.headers[REHEARSAL_HEADER] === rehearsalKey;
    const result = rehearsal ? services.ingest.rehearse(request, actorOf(res)) : await services.ingest.ingest(request, actorOf(res));
    // How long the request took here, from arrival to durable: for benchmarks and debugging.
    res.set('server-timing', `ingest;dur=${(performance.now() - (res.locals.receivedAt as number)).toFixed(2)}`);
    res.status(202).json(result);
  });

  router.post('/hook/batch', refuseBrowsers, json, async (req, res) => {
    const items = req.body as unknown;
    if (!Array.isArray(items) || items.length > BATCH_MAX) throw invalid(`send a JSON array of at most ${BATCH_MAX} {url|agent, event, ..., body} items`);
    const requests: HookRequest[] = items.map((item, i) => batchItem(item, i));
    res.status(202).json(await services.ingest.ingestBatch(requests, actorOf(res)));
  });

  // A probe (HEAD) answers like the GET would begin to, but never settles sessions or claims the
  // handoff: only the hook's real GET has side effects. Registered first, as Express would
  // otherwise run the GET handler for a HEAD.
  router.head('/handoff', refuseBrowsers, (_req, res) => {
    res.status(200).type('text/markdown; charset=utf-8').end();
  });
  router.get('/handoff', refuseBrowsers, async (req, res) => {
    const markdown = await services.handoffs.deliverAtSessionStart(hints(req), actorOf(res));
    res.status(200).type('text/markdown; charset=utf-8').send(markdown);
  });

  return router;
}

function hints(req: Request): Omit<HookRequest, 'body'> {
  const out: Omit<HookRequest, 'body'> = {};
  for (const key of HINTS) {
    const value = query(req, key);
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

function batchItem(item: unknown, index: number): HookRequest {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid(`batch item ${index} is not an object`);
  const record = item as Record<string, unknown>;
  const request: HookRequest = { body: record.body };
  // Either the query string a single /hook call would have carried, or the fields themselves.
  const url = typeof record.url === 'string' ? new URLSearchParams(record.url.replace(/^[^?]*\?/, '')) : null;
  for (const key of HINTS) {
    const value = url?.get(key) ?? record[key];
    if (typeof value === 'string' && value !== '') request[key] = value;
  }
  return request;
}
