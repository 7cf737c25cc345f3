import type { Router } from 'express';
import { invalid } from '../../core/errors.js';
import type { BootstrapRequest } from '../../core/maintenance/bootstrap-input.js';
import type { Services } from '../../services/services.js';
import { objectBody } from './admin.js';
import { actorOf, rootOnly } from './security.js';
import { respondWithProgress } from './stream.js';

/**
 * `/admin/forget-sweep`, `/admin/lint`, `/admin/bootstrap`: lifecycle commands, root only.
 * `/admin/catch-up` is a read and open to every authenticated caller.
 */
export function addMaintenanceRoutes(router: Router, services: Services): void {
  const root = rootOnly(services.users);
  const { maintenance } = services;

  router.post('/forget-sweep', root, async (req, res) => {
    const body = objectBody(req.body ?? {});
    res.json(await maintenance.forget.sweep(scopeAndDryRun(body), actorOf(res)));
  });

  router.post('/lint', root, async (req, res) => {
    const body = objectBody(req.body ?? {});
    res.json(await maintenance.lint.lint({ ...scopeAndDryRun(body), no_llm: body.no_llm === true }, actorOf(res)));
  });

  router.get('/catch-up', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const scope = services.scopes.existing(scopeAndDryRun(q), 'admin');
    res.json(await services.memory.catchUp(scope, { focus: typeof q.focus === 'string' ? q.focus : undefined }));
  });

  router.post('/consolidate', async (req, res) => {
    const body = objectBody(req.body ?? {});
    const scope = services.scopes.existing(scopeAndDryRun(body), 'admin');
    const sessionId = typeof body.session_id === 'string' && body.session_id !== '' ? body.session_id : undefined;
    res.json(await services.consolidation.consolidate({ scope, sessionId, dryRun: body.dry_run === true, multiPage: body.multi_page === true, instructions: optionalText(body.instructions) }, actorOf(res)));
  });

  router.post('/embed', root, async (req, res) => {
    const body = objectBody(req.body ?? {});
    await respondWithProgress(req, res, (progress) => services.embeddings.embed({ force: body.force === true, dry_run: body.dry_run === true }, progress));
  });

  router.post('/bootstrap', root, async (req, res) => {
    res.json(await maintenance.bootstrap.bootstrap(objectBody(req.body) as unknown as BootstrapRequest, actorOf(res)));
  });
}

function scopeAndDryRun(body: Record<string, unknown>) {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { workspace: text(body.workspace), project: text(body.project), dry_run: body.dry_run === true };
}

function optionalText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid('instructions must be a string');
  return value;
}
