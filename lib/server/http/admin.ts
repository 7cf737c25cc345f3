import { Router } from 'express';
import type { WritePageRequest } from '../../core/contract.js';
import { invalid } from '../../core/errors.js';
import type { Services } from '../../services/services.js';
import { respondWithProgress } from './stream.js';

/** What the CLI needs beyond the read-only API: status, writes, reindex. */
export function adminRoutes(services: Services): Router {
  const router = Router();

  router.get('/status', async (_req, res) => {
    res.json(await services.status.status());
  });

  router.post('/write-page', async (req, res) => {
    res.json(await services.pages.writePage(objectBody(req.body) as unknown as WritePageRequest));
  });

  router.post('/delete-page', async (req, res) => {
    const body = objectBody(req.body);
    res.json(await services.pages.deletePage(body as { workspace?: string; project?: string; path: string }));
  });

  router.post('/reindex', async (req, res) => {
    await respondWithProgress(req, res, (progress) => services.status.reindex(progress));
  });

  return router;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('send a JSON object');
  return body as Record<string, unknown>;
}
