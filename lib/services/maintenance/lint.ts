import type { Actor } from '../../core/actor.js';
import { LINT_CHECKS, lintPages, type LintFinding, type LintPage } from '../../core/maintenance/lint.js';
import type { LintReport } from '../../core/maintenance/reports.js';
import { lintReportPages } from '../../core/maintenance/lint-report.js';
import { parsePagePath, wikiPath, type Scope } from '../../core/paths.js';
import type { IndexedPage } from '../../index/indexed-page.js';
import { scopeOf } from '../../index/indexed-page.js';
import type { ServiceDeps } from '../deps.js';
import { lastUpdated, pageIdentity } from '../page-views.js';
import type { ScopeInput } from '../scope.js';
import { writeJob } from '../write-job.js';
import { isLintPage, maintenanceTargets } from './targets.js';

/** An extra check (the LLM contradiction pass) may add findings; rule-based by default. */
export type ExtraLintCheck = (pages: IndexedPage[]) => Promise<LintFinding[]>;

export function createLintService(deps: ServiceDeps, extra?: () => ExtraLintCheck | undefined) {
  const now = () => (deps.now ?? (() => new Date()))();

  async function lint(input: ScopeInput & { dry_run?: boolean | undefined; no_llm?: boolean | undefined }, actor?: Actor): Promise<LintReport> {
    const dryRun = input.dry_run === true;
    const at = now();
    const pages = maintenanceTargets(deps, input).pages.filter((page) => !isLintPage(page));
    const findings = lintPages(pages.map((page) => lintRecord(deps, page)), at);
    const more = input.no_llm ? undefined : extra?.();
    let llmError: string | undefined;
    if (more) {
      try {
        findings.push(...(await more(pages)));
      } catch (error) {
        // The provider's pass is extra: its failure is reported, the rule-based lint stands.
        llmError = (error as Error).message;
      }
    }
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.check] = (counts[f.check] ?? 0) + 1;
    const report: LintReport = { dry_run: dryRun, scanned: pages.length, findings, counts, pages: [] };
    if (llmError) report.llm_error = llmError;
    // Without a successful LLM pass the contradictions page is left as the last pass wrote it.
    const checks = LINT_CHECKS.filter((check) => check !== 'contradiction' || (more !== undefined && llmError === undefined));
    if (dryRun) return report;

    const scopes = new Map<string, Scope>();
    for (const page of pages) scopes.set(`${page.workspace}/${page.project}`, scopeOf(page));
    const message = (touched: readonly string[]) => `Lint: ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${touched.length} _lint page${touched.length === 1 ? '' : 's'}`;
    const { commit, changed } = await writeJob(deps, { message, author: actor }, async (tx) => {
      for (const [key, scope] of scopes) {
        const mine = findings.filter((f) => `${f.workspace}/${f.project}` === key);
        for (const { path, draft } of lintReportPages(mine, checks)) {
          if (draft) await tx.putPage(scope, parsePagePath(path), { body: draft.body, title: draft.title, kind: 'note', tags: ['lint'] }, at);
          else await tx.remove(wikiPath(scope, parsePagePath(path)));
        }
      }
    });
    if (changed.length > 0) report.pages = changed;
    if (commit) report.commit = commit;
    return report;
  }

  return { lint };
}

function lintRecord(deps: ServiceDeps, page: IndexedPage): LintPage {
  const { index } = deps;
  const links = index.links(page.rel);
  const inbound = new Set(
    index
      .backlinks(page.rel)
      .map((l) => l.from)
      .filter((from) => from !== page.rel && !isLintRel(from)),
  );
  const access = deps.store.access.get(page.rel);
  return {
    ...pageIdentity(page),
    expiresAt: page.expiresAt,
    updated: lastUpdated(page),
    lastAccess: access ? new Date(access.last).toISOString() : undefined,
    brokenLinks: links.filter((l) => l.to === null).map((l) => l.target),
    inbound: inbound.size,
    outbound: links.filter((l) => l.to !== null && l.to !== page.rel).length,
  };
}

function isLintRel(rel: string): boolean {
  return rel.split('/').slice(2).join('/').startsWith('_lint/');
}
