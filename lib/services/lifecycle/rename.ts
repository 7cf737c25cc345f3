import type { Actor } from '../../core/actor.js';
import { MemoryError, notFound } from '../../core/errors.js';
import { MANIFEST_FILE, scopeKey, toSlug, type Scope } from '../../core/paths.js';
import { SCOPE_RULES } from '../../core/scope-rules.js';
import { appendAudit } from '../../store/audit-log.js';
import { exists, mergeTree, projectDir } from '../../store/project-dirs.js';
import type { RenameResult } from '../../core/contract.js';
import type { SessionService } from '../capture/sessions.js';
import type { ServiceDeps } from '../deps.js';
import { requireScope } from '../scope.js';
import type { WikiTx } from '../wiki-tx.js';
import { writeJob } from '../write-job.js';
import { auditActor } from './audit.js';
import { parseFrontmatter, splitPage } from '../../core/frontmatter.js';
import { renamedCwd } from '../../core/project-rename.js';

export interface RenameRequest {
  workspace?: string;
  from: string;
  to: string;
}


/**
 * `rename-project`: the project folder moves in one commit (git sees renames), its raw events
 * follow, and open sessions are re-homed, so pages, sessions and handoffs stay together and
 * later events from a directory with the new name land there. A folder rename is atomic, and a
 * rerun after a crash commits and moves whatever is left.
 */
export function createRenameService(deps: ServiceDeps, sessions: SessionService) {
  const { store } = deps;

  return async function renameProject(request: RenameRequest, actor: Actor): Promise<RenameResult> {
    const from = requireScope({ workspace: request.workspace, project: request.from }, SCOPE_RULES.admin);
    const to: Scope = { workspace: from.workspace, project: toSlug(String(request.to ?? ''), 'project') };
    if (to.project === from.project) throw new MemoryError('INVALID_INPUT', `${scopeKey(from)} already has that name`);
    const wikiFrom = projectDir(store.layout.wiki, from);
    const wikiTo = projectDir(store.layout.wiki, to);
    const fromOnDisk = await exists(wikiFrom);
    if (fromOnDisk && (await exists(wikiTo))) {
      throw new MemoryError('CONFLICT', `project ${scopeKey(to)} already exists; purge it or choose another name`);
    }
    const tracked = await store.git.trackedUnder(`${from.workspace}/${from.project}`);
    const rawFrom = projectDir(store.layout.raw, from);
    const rawPending = await exists(rawFrom);
    if (!fromOnDisk && tracked.length === 0 && !rawPending) throw notFound(`no project ${scopeKey(from)} to rename`);

    await sessions.moveScope(from, to);
    const renamed = String(request.to).trim();
    const { commit, moved } = await writeJob(
      deps,
      { message: `Rename project ${scopeKey(from)} to ${scopeKey(to)}`, author: actor },
      async (tx) => {
        const arrived = await tx.moveProject(from, to);
        await tx.editFrontmatter(`${to.workspace}/${to.project}/${MANIFEST_FILE}`, { name: renamed });
        await followOpenHandoffs(deps, tx, arrived, from.project, renamed);
        return arrived.length;
      },
      ({ value: moved, commit }) => {
        // Read counts follow the pages, so the forget sweep does not treat them as never read.
        store.access.movePrefix(`${from.workspace}/${from.project}/`, `${to.workspace}/${to.project}/`);
        return { commit, moved };
      },
    );
    if (rawPending) await mergeTree(rawFrom, projectDir(store.layout.raw, to));
    const result = { workspace: from.workspace, from: from.project, to: to.project, files_moved: moved, raw_moved: rawPending, commit };
    await appendAudit(store.layout.logs, { at: new Date().toISOString(), actor: auditActor(actor), action: 'project.rename', details: { ...result } });
    return result;
  };
}

/** Open handoffs name the old directory; they now wait for sessions in the renamed one. */
async function followOpenHandoffs(deps: ServiceDeps, tx: WikiTx, rels: string[], oldProject: string, newName: string): Promise<void> {
  for (const rel of rels.filter((r) => /\/handoffs\/[^/]+\.md$/.test(r))) {
    const text = await deps.store.files.read(rel);
    if (text === null) continue;
    const { data } = parseFrontmatter(splitPage(text).yaml);
    if (data.kind !== 'handoff' || data.state !== 'open' || typeof data.cwd !== 'string') continue;
    const cwd = renamedCwd(data.cwd, oldProject, newName);
    if (cwd !== data.cwd) await tx.editFrontmatter(rel, { cwd });
  }
}
