import type { Actor } from '../../core/actor.js';
import { MemoryError, notFound } from '../../core/errors.js';
import { MANIFEST_FILE, scopeKey, type Scope } from '../../core/paths.js';
import { SCOPE_RULES } from '../../core/scope-rules.js';
import { appendAudit } from '../../store/audit-log.js';
import { filesUnder, projectDir, removeTree } from '../../store/project-dirs.js';
import type { PurgeResult } from '../../core/contract.js';
import type { SessionService } from '../capture/sessions.js';
import type { ServiceDeps } from '../deps.js';
import { requireScope, type ScopeInput } from '../scope.js';
import { writeJob } from '../write-job.js';
import { auditActor } from './audit.js';


/**
 * `purge-project`: one project's pages (one commit), raw events and index entries go. Each step
 * is idempotent and the plan is recomputed from HEAD and the disk, so after a crash at any
 * point a rerun finishes the job. Git history keeps the pages, as it keeps every deletion.
 */
export function createPurgeService(deps: ServiceDeps, sessions: SessionService) {
  const { store } = deps;

  async function plan(scope: Scope) {
    const prefix = `${scope.workspace}/${scope.project}`;
    const wiki = [...new Set([...(await store.git.trackedUnder(prefix)), ...(await filesUnder(store.layout.wiki, projectDir(store.layout.wiki, scope)))])].sort();
    const raw = await filesUnder(store.layout.raw, projectDir(store.layout.raw, scope));
    return { wiki, raw };
  }

  return async function purgeProject(input: ScopeInput & { confirm?: boolean }, actor: Actor): Promise<PurgeResult> {
    const scope = requireScope(input, SCOPE_RULES.admin);
    const { wiki, raw } = await plan(scope);
    if (wiki.length === 0 && raw.length === 0) throw notFound(`no project ${scopeKey(scope)} in the wiki or the raw events`);
    // Counted as `status` counts them: the project's own _project.md is not a page.
    const pages = wiki.filter((p) => p.endsWith('.md') && !p.endsWith(`/${MANIFEST_FILE}`)).length;
    if (input.confirm !== true) {
      throw new MemoryError(
        'INVALID_INPUT',
        `purging ${scopeKey(scope)} removes ${pages} pages and ${raw.length} raw event files; nothing was changed. Run again with --confirm`,
        { pages, raw_files: raw.length },
      );
    }
    // Pending session writes land first; then no late close can recreate the project.
    await sessions.forgetScope(scope);
    const { commit } = await writeJob(deps, { message: `Purge project ${scopeKey(scope)} (${pages} pages)`, author: actor }, (tx) => tx.removeProject(scope));
    await removeTree(projectDir(store.layout.raw, scope));
    const result = { workspace: scope.workspace, project: scope.project, pages_removed: pages, files_removed: wiki.length, raw_files_removed: raw.length, commit };
    await appendAudit(store.layout.logs, { at: new Date().toISOString(), actor: auditActor(actor), action: 'project.purge', details: { ...result } });
    return result;
  };
}
