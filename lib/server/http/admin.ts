import { Router } from 'express';
import type { WritePageRequest } from '../../core/contract.js';
import { invalid } from '../../core/errors.js';
import { addUserRequest, purgeProjectRequest, renameProjectRequest, syncRequest } from '../../core/wire/lifecycle.js';
import { deletePageRequest } from '../../core/wire/pages.js';
import { parseWire } from '../../core/wire/parse.js';
import type { Services } from '../../services/services.js';
import { addMaintenanceRoutes } from './maintenance.js';
import { actorOf, rootOnly } from './security.js';
import { respondWithProgress } from './stream.js';

/**
 * What the CLI needs beyond the read-only API. Page writes are open to every authenticated
 * actor; lifecycle commands and user management need the root token once users exist.
 */
export function adminRoutes(services: Services): Router {
  const router = Router();
  const root = rootOnly(services.users);

  router.get('/status', async (_req, res) => {
    res.json(await services.status.status());
  });

  router.post('/write-page', async (req, res) => {
    res.json(await services.pages.writePage(objectBody(req.body) as unknown as WritePageRequest, actorOf(res)));
  });

  router.post('/delete-page', async (req, res) => {
    res.json(await services.pages.deletePage(parseWire(deletePageRequest, objectBody(req.body)), actorOf(res)));
  });

  router.post('/reindex', root, async (req, res) => {
    await respondWithProgress(req, res, (progress) => services.status.reindex(progress));
  });

  router.post('/purge-project', root, async (req, res) => {
    const body = parseWire(purgeProjectRequest, objectBody(req.body));
    res.json(await services.lifecycle.purgeProject({ ...body, confirm: body.confirm === true }, actorOf(res)));
  });

  router.post('/rename-project', root, async (req, res) => {
    const body = parseWire(renameProjectRequest, objectBody(req.body));
    res.json(await services.lifecycle.renameProject(body, actorOf(res)));
  });

  router.get('/backup', root, async (_req, res) => {
    const backup = await services.lifecycle.backup(actorOf(res));
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    res.set({
      'content-type': 'application/gzip',
      'content-length': String(backup.size),
      'content-disposition': `attachment; filename="ai-memory-backup-${stamp}.tar.gz"`,
    });
    const stream = backup.stream();
    res.on('close', () => void backup.dispose());
    stream.pipe(res);
  });

  router.post('/sync', root, async (req, res) => {
    const body = parseWire(syncRequest, objectBody(req.body ?? {}));
    res.json(await services.lifecycle.sync(body, actorOf(res)));
  });

  router.get('/users', root, async (_req, res) => {
    res.json({ users: await services.users.list() });
  });

  router.post('/users', root, async (req, res) => {
    res.status(201).json(await services.users.add(parseWire(addUserRequest, objectBody(req.body)).name, actorOf(res)));
  });

  router.post('/users/:name/:action', root, async (req, res) => {
    const name = String(req.params.name);
    const actor = actorOf(res);
    switch (req.params.action) {
      case 'expire':
        return void res.json(await services.users.expire(name, actor));
      case 'revive':
        return void res.json(await services.users.revive(name, actor));
      case 'rotate-token':
        return void res.json(await services.users.rotateToken(name, actor));
      default:
        throw invalid(`unknown user action ${JSON.stringify(req.params.action)}: expire, revive or rotate-token`);
    }
  });

  addMaintenanceRoutes(router, services);

  return router;
}

export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('send a JSON object');
  return body as Record<string, unknown>;
}
