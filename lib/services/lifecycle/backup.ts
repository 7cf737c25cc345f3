import type { Actor } from '../../core/actor.js';
import { appendAudit } from '../../store/audit-log.js';
import type { BackupFile } from '../../store/backup-archive.js';
import type { ServiceDeps } from '../deps.js';
import { whileWritesWait } from '../write-job.js';
import { auditActor } from './audit.js';

/**
 * `backup`: one archive of the wiki (with its git history), raw events, config and user
 * hashes. Writes wait while it is taken, so the repository in it is never mid-commit; captured
 * events keep flowing (their files are append-only and a restore tolerates a torn last line).
 */
export function createBackupService(deps: ServiceDeps) {
  return async function backup(actor: Actor): Promise<BackupFile> {
    await deps.store.git.flushIndex();
    // tar loads with the first backup, not with every server start.
    const { backupToTempFile } = await import('../../store/backup-archive.js');
    const file = await whileWritesWait(deps.store, () => backupToTempFile(deps.store.layout));
    await appendAudit(deps.store.layout.logs, { at: new Date().toISOString(), actor: auditActor(actor), action: 'backup', details: { bytes: file.size } });
    return file;
  };
}
