import { LINT_CHECKS, type LintCheck, type LintFinding } from './lint.js';

/**
 * The `_lint/` pages one lint run writes into a project: one page per check. Page paths are
 * quoted as code, never linked, so the report adds no edges to the graph and cannot make an
 * orphan look linked on the next run.
 */
export const LINT_PAGE_PATHS: Record<LintCheck, string> = {
  broken_link: '_lint/broken-links.md',
  orphan: '_lint/orphans.md',
  duplicate_title: '_lint/duplicate-titles.md',
  stale: '_lint/stale-pages.md',
  pinned_expiring: '_lint/pinned-expiring.md',
  contradiction: '_lint/contradictions.md',
};

const HEADINGS: Record<LintCheck, string> = {
  broken_link: 'Lint: broken links',
  orphan: 'Lint: orphan pages',
  duplicate_title: 'Lint: duplicate titles',
  stale: 'Lint: stale pages',
  pinned_expiring: 'Lint: pinned but expiring',
  contradiction: 'Lint: contradictions',
};

export interface LintPageDraft {
  path: string;
  title: string;
  body: string;
}

/** Drafts for every check of one project; a check with no findings gets `null` (remove its page). */
export function lintReportPages(findings: LintFinding[], checks: readonly LintCheck[] = LINT_CHECKS): Array<{ path: string; draft: LintPageDraft | null }> {
  return checks.map((check) => {
    const mine = findings.filter((f) => f.check === check);
    const path = LINT_PAGE_PATHS[check];
    if (mine.length === 0) return { path, draft: null };
    const lines = [`# ${HEADINGS[check]}`, '', `${mine.length} finding${mine.length === 1 ? '' : 's'} (severity ${mine[0]!.severity}), from the last \`ai-memory lint\`.`, ''];
    for (const f of mine) lines.push(`- \`${code(f.path)}\` (${inline(f.title)}): ${inline(f.detail)}`);
    return { path, draft: { path, title: HEADINGS[check], body: `${lines.join('\n')}\n` } };
  });
}

function code(text: string): string {
  return text.replace(/`/g, "'");
}

/** Titles and details come from pages: `[` is escaped so they cannot form links. */
function inline(text: string): string {
  return text.replace(/\[/g, '\\[').replace(/\]\(/g, ']\\(').replace(/`/g, "'").replace(/\r?\n/g, ' ');
}
