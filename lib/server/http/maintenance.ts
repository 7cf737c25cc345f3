import type { Router } from 'express';
import type { BootstrapRequest } from '../../core/maintenance/bootstrap-input.js';
import type { Services } from '../../services/services.js';
import { objectBody } from './admin.js';
import { actorOf, rootOnly } from './security.js';

/** `/admin/forget-sweep`, `/admin/lint`, `/admin/bootstrap`: lifecycle commands, root only. */
export function addMaintenanceRoutes(router: Router, services: Services): void {
  const root = rootOnly(services.users);
  const { maintenance } = services;

  router.post('/forget-sweep', root, async (req, res) => {
    const body = objectBody(req.body ?? {});
    res.json(await maintenance.forget.sweep(scopeAndDryRun(body), actorOf(res)));
  });

  router.post('/lint', root, async (req, res) => {
    const body = objectBody(req.body ?? {});
    res.json(await maintenance.lint.lint(scopeAndDryRun(body), actorOf(res)));
  });

  router.post('/bootstrap', root, async (req, res) => {
    res.json(await maintenance.bootstrap.bootstrap(objectBody(req.body) as unknown as BootstrapRequest, actorOf(res)));
  });
}

function scopeAndDryRun(body: Record<string, unknown>) {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { workspace: text(body.workspace), project: text(body.project), dry_run: body.dry_run === true };
}
