import type { Router } from 'express';
import type { BootstrapRequest } from '../../core/maintenance/bootstrap-input.js';
import { consolidateRequest, lintRequest, sweepRequest } from '../../core/wire/maintenance.js';
import { embedRequest } from '../../core/wire/lifecycle.js';
import { parseWire } from '../../core/wire/parse.js';
import { catchUpQuery } from '../../core/wire/status.js';
import type { Services } from '../../services/services.js';
import { objectBody } from './admin.js';
import { actorOf, rootOnly } from './security.js';
import { respondWithProgress } from './stream.js';
import { parseQuery } from './wire-query.js';

/**
 * `/admin/forget-sweep`, `/admin/lint`, `/admin/bootstrap`: lifecycle commands, root only.
 * `/admin/catch-up` is a read and open to every authenticated caller.
 */
export function addMaintenanceRoutes(router: Router, services: Services): void {
  const root = rootOnly(services.users);
  const { maintenance } = services;

  router.post('/forget-sweep', root, async (req, res) => {
    res.json(await maintenance.forget.sweep(parseWire(sweepRequest, objectBody(req.body ?? {})), actorOf(res)));
  });

  router.post('/lint', root, async (req, res) => {
    res.json(await maintenance.lint.lint(parseWire(lintRequest, objectBody(req.body ?? {})), actorOf(res)));
  });

  router.get('/catch-up', async (req, res) => {
    const { focus, ...named } = parseQuery(req, catchUpQuery, { strings: ['workspace', 'project', 'focus'] });
    const scope = services.scopes.existing(named, 'admin');
    res.json(await services.memory.catchUp(scope, { focus }));
  });

  router.post('/consolidate', async (req, res) => {
    const body = parseWire(consolidateRequest, objectBody(req.body ?? {}));
    const scope = services.scopes.existing(body, 'admin');
    const sessionId = body.session_id !== '' ? body.session_id : undefined;
    res.json(await services.consolidation.consolidate({ scope, sessionId, dryRun: body.dry_run === true, multiPage: body.multi_page === true, instructions: body.instructions }, actorOf(res)));
  });

  router.post('/embed', root, async (req, res) => {
    const body = parseWire(embedRequest, objectBody(req.body ?? {}));
    await respondWithProgress(req, res, (progress) => services.embeddings.embed({ force: body.force === true, dry_run: body.dry_run === true }, progress));
  });

  router.post('/bootstrap', root, async (req, res) => {
    res.json(await maintenance.bootstrap.bootstrap(objectBody(req.body) as unknown as BootstrapRequest, actorOf(res)));
  });
}
