import { gitAuthor, type Actor } from '../../core/actor.js';
import type { SyncResult } from '../../core/contract.js';
import { appendAudit } from '../../store/audit-log.js';
import { SYSTEM_AUTHOR } from '../../store/git-repo.js';
import type { ServiceDeps } from '../deps.js';
import type { ExternalCommitter } from '../external-commits.js';
import { pullJob } from '../write-job.js';
import { auditActor } from './audit.js';

/**
 * `sync`: converge this wiki with a git remote. Edits waiting for their debounced commit are
 * committed first, so nothing on disk is left out; pulled pages are indexed before the answer,
 * so a search right after a sync sees them.
 */
export function createSyncService(deps: ServiceDeps, externalCommits: ExternalCommitter) {
  const { store } = deps;
  return async function sync(request: { remote?: string | undefined }, actor: Actor): Promise<SyncResult> {
    await externalCommits.flush();
    await store.git.flushIndex();
    const outcome = await pullJob(deps, request.remote, gitAuthor(actor) ?? SYSTEM_AUTHOR);
    const result: SyncResult = {
      remote: outcome.remote,
      action: outcome.action,
      changed: outcome.changed.length,
      conflicts: outcome.conflicts,
      warnings: outcome.warnings,
      head: outcome.head,
    };
    const details = { ...result, conflicts: outcome.conflicts.length, warnings: outcome.warnings.length };
    await appendAudit(store.layout.logs, { at: new Date().toISOString(), actor: auditActor(actor), action: 'sync', details });
    return result;
  };
}
