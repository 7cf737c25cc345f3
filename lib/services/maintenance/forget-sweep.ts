import type { Actor } from '../../core/actor.js';
import { sweepVerdict, type DecayInput } from '../../core/maintenance/decay.js';
import type { IndexedPage } from '../../index/indexed-page.js';
import type { ServiceDeps } from '../deps.js';
import type { ScopeInput } from '../scope.js';
import type { SweepEntry, SweepReport } from '../../core/maintenance/reports.js';
import { writeJob } from '../write-job.js';
import { maintenanceTargets, pageRef } from './targets.js';

/**
 * The forget sweep (SPEC section 9): decides per page with the pure decay rule, then removes
 * what it forgets in one commit, so `git log` shows the sweep and `git show` brings a page back.
 */
export function createForgetSweep(deps: ServiceDeps) {
  const now = () => (deps.now ?? (() => new Date()))();

  async function sweep(input: ScopeInput & { dry_run?: boolean | undefined }, actor?: Actor): Promise<SweepReport> {
    const dryRun = input.dry_run === true;
    await deps.index.history.update();
    const at = now();
    const { pages } = maintenanceTargets(deps, input);
    const report: SweepReport = { dry_run: dryRun, scanned: pages.length, evicted: [], deleted: [], kept: 0 };
    const doomed: IndexedPage[] = [];
    for (const page of pages) {
      const verdict = sweepVerdict(decayInput(deps, page), at);
      // A pending handoff is a promise to the next session; only its own expiry removes it.
      if (verdict.action === 'keep' || (verdict.reason === 'decayed' && page.handoff?.state === 'open')) {
        report.kept += 1;
        continue;
      }
      const entry: SweepEntry = { ...pageRef(page), reason: verdict.reason };
      if (verdict.retention !== undefined) entry.retention = verdict.retention;
      (verdict.reason === 'expired' ? report.deleted : report.evicted).push(entry);
      doomed.push(page);
    }
    if (dryRun || doomed.length === 0) return report;
    const message = (rels: readonly string[]) =>
      `Forget sweep: remove ${rels.length} page${rels.length === 1 ? '' : 's'} (${report.evicted.length} decayed, ${report.deleted.length} expired)\n\n${rels.join('\n')}`;
    const { commit } = await writeJob(deps, { message, author: actor }, async (tx) => {
      const removed = new Set<string>();
      for (const page of doomed) {
        // A page edited (say, pinned) since the scan is left for the next sweep to judge.
        if (deps.index.page(page.rel)?.file.hash !== page.file.hash) continue;
        if (await tx.remove(page.rel)) removed.add(page.rel);
      }
      // The report lists what this run removed.
      const gone = (e: SweepEntry) => removed.has(`${e.workspace}/${e.project}/${e.path}`);
      report.evicted = report.evicted.filter(gone);
      report.deleted = report.deleted.filter(gone);
      report.kept = report.scanned - removed.size;
    });
    if (commit) report.commit = commit;
    return report;
  }

  return { sweep };
}

function decayInput(deps: ServiceDeps, page: IndexedPage): DecayInput {
  const access = deps.store.access.get(page.rel);
  return {
    tier: page.tier,
    pinned: page.pinned,
    created: createdAt(deps, page),
    expiresAt: page.expiresAt,
    accesses: access?.count ?? 0,
    lastAccess: access ? new Date(access.last).toISOString() : undefined,
  };
}

/** Frontmatter `created`, else the page's first commit, else the file's mtime. */
function createdAt(deps: ServiceDeps, page: IndexedPage): string {
  if (page.created && !Number.isNaN(Date.parse(page.created))) return page.created;
  const first = deps.index.history.entries(page.rel).at(-1);
  return first?.date ?? new Date(page.file.mtimeMs).toISOString();
}
