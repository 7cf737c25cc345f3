import type { PageKind, Tier } from '../page.js';

/**
 * The rule-based lint checks (SPEC section 9), pure: the service gathers one record per page
 * (with its links already resolved) and this decides what is worth a finding.
 */
/** `contradiction` comes only from the opt-in LLM pass. */
export const LINT_CHECKS = ['broken_link', 'orphan', 'duplicate_title', 'stale', 'pinned_expiring', 'contradiction'] as const;
export type LintCheck = (typeof LINT_CHECKS)[number];
export type Severity = 'info' | 'warning' | 'error';

/** An episodic page neither updated nor read for this long is stale. */
export const STALE_AFTER_DAYS = 30;
const DAY_MS = 86_400_000;

export interface LintPage {
  workspace: string;
  project: string;
  path: string;
  title: string;
  kind: PageKind;
  tier: Tier;
  pinned: boolean;
  expiresAt?: string | undefined;
  /** Last change (ISO instant). */
  updated: string;
  /** Last read or query hit (ISO instant), if any. */
  lastAccess?: string | undefined;
  /** Link targets no page answers. */
  brokenLinks: string[];
  /** Other pages linking here (lint pages excluded). */
  inbound: number;
  /** Links from here that resolve to another page. */
  outbound: number;
}

export interface LintFinding {
  check: LintCheck;
  severity: Severity;
  workspace: string;
  project: string;
  path: string;
  title: string;
  detail: string;
}

const SEVERITY: Record<LintCheck, Severity> = {
  broken_link: 'warning',
  orphan: 'info',
  duplicate_title: 'warning',
  stale: 'info',
  pinned_expiring: 'warning',
  contradiction: 'warning',
};

// Session logs and handoffs are reached through their project, not through links.
const UNLINKED_BY_NATURE = new Set<PageKind>(['session', 'handoff']);

/** A link that answers nothing is often a page of another project, linked without its project. */
function brokenLinkDetail(target: string): string {
  if (target.includes(':')) return `links to "${target}", which no page answers (the form is [[project:path]] with the project's slug, e.g. [[other-app:notes/glossary]])`;
  return `links to "${target}", which no page of this project answers; a page of another project is linked as [[project:${target}]]`;
}

export function lintPages(pages: LintPage[], now: Date): LintFinding[] {
  const findings: LintFinding[] = [];
  const add = (page: LintPage, check: LintCheck, detail: string) =>
    findings.push({ check, severity: SEVERITY[check], workspace: page.workspace, project: page.project, path: page.path, title: page.title, detail });

  for (const page of pages) {
    for (const target of [...new Set(page.brokenLinks)]) add(page, 'broken_link', brokenLinkDetail(target));
    if (page.inbound === 0 && page.outbound === 0 && !UNLINKED_BY_NATURE.has(page.kind)) {
      add(page, 'orphan', 'no page links here and it links to no page');
    }
    const idle = idleDays(page, now);
    if (page.tier === 'episodic' && idle !== null && idle > STALE_AFTER_DAYS) {
      add(page, 'stale', `episodic page neither updated nor read for ${Math.floor(idle)} days`);
    }
    if (page.pinned && page.expiresAt) {
      const past = Date.parse(page.expiresAt) < now.getTime();
      add(page, 'pinned_expiring', `pinned, but expires_at ${page.expiresAt} ${past ? 'has passed: the next forget-sweep deletes it' : 'will delete it even though it is pinned'}`);
    }
  }
  for (const group of duplicateGroups(pages)) {
    for (const page of group) {
      const others = group.filter((p) => p !== page).map((p) => p.path);
      add(page, 'duplicate_title', `same title as ${others.join(', ')}`);
    }
  }
  return findings.sort((a, b) => key(a).localeCompare(key(b)));
}

/** Titles compared case-, space- and punctuation-insensitively, within one project. */
export function normalizeTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function duplicateGroups(pages: LintPage[]): LintPage[][] {
  const groups = new Map<string, LintPage[]>();
  for (const page of pages) {
    if (page.kind === 'handoff' || page.kind === 'session') continue;
    const k = `${page.workspace}/${page.project}\u0000${normalizeTitle(page.title)}`;
    groups.set(k, [...(groups.get(k) ?? []), page]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

function idleDays(page: LintPage, now: Date): number | null {
  const times = [page.updated, page.lastAccess].filter((t): t is string => t !== undefined).map(Date.parse).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return null;
  return (now.getTime() - Math.max(...times)) / DAY_MS;
}

function key(f: LintFinding): string {
  return `${f.workspace}/${f.project}/${f.check}/${f.path}/${f.detail}`;
}
