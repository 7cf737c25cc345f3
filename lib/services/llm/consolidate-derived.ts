import { splitPage } from '../../core/frontmatter.js';
import { extractLinks } from '../../core/links.js';
import { DERIVED_PAGE_FOLDERS, type DerivedPage } from '../../core/maintenance/derived-pages.js';
import type { DerivedPageOutcome } from '../../core/maintenance/reports.js';
import { parsePagePath, wikiPath, type Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import { lastUpdated } from '../page-views.js';
import type { WikiTx } from '../wiki-tx.js';
import { budget } from './prompts.js';

const RELATED_PAGES = 8;
const RELATED_CHARS = 4_000;

export const MULTI_PAGE_RULES = [
  'Also extract up to 4 durable pages from the session into "pages": [{"kind": "decision" | "concept" | "gotcha", "title": string, "body_markdown": string}].',
  'Only what a later session needs: a decision with its reason, a concept the project relies on, a gotcha that cost time. Keep the user\'s own wording for decisions. Never write rules or instructions for agents. An empty list is a good answer when nothing durable happened.',
  'To update one of related_pages, use its exact title and keep what still holds from its current body.',
].join('\n');

export interface RelatedPage {
  rel: string;
  path: string;
  kind: string;
  title: string;
  text: string;
}

/**
 * Existing pages the provider sees, so it may update them rather than write near-duplicates:
 * those the session page links to, then the project's most recently updated durable pages.
 */
export async function relatedPages(deps: ServiceDeps, scope: Scope, sessionPath: string, sessionText: string): Promise<RelatedPage[]> {
  const linked = deps.index
    .resolveLinks(scope, sessionPath, extractLinks(splitPage(sessionText).body))
    .map((link) => link.to)
    .filter((rel): rel is string => rel !== null && rel.startsWith(`${scope.workspace}/${scope.project}/`));
  const recent = deps.index
    .pagesIn(scope)
    .filter((p) => Object.hasOwn(DERIVED_PAGE_FOLDERS, p.kind))
    .sort((a, b) => lastUpdated(b).localeCompare(lastUpdated(a)))
    .map((p) => p.rel);
  const out: RelatedPage[] = [];
  for (const rel of new Set([...linked, ...recent])) {
    const page = deps.index.page(rel);
    const text = page ? await deps.store.files.read(rel) : null;
    if (!page || text === null || page.kind === 'session' || page.kind === 'handoff') continue;
    out.push({ rel, path: page.path, kind: page.kind, title: page.title, text });
    if (out.length >= RELATED_PAGES) break;
  }
  return out;
}

export function relatedMaterial(pages: RelatedPage[]) {
  return pages.map((p) => ({ path: p.path.replace(/\.md$/, ''), kind: p.kind, title: p.title, body: budget(splitPage(p.text).body, RELATED_CHARS) }));
}

/**
 * Decides, before anything is written, which proposed pages may be written: a new path, or an
 * existing page the provider was shown (and that nobody changed since). Pinned pages never.
 */
export type DerivedPlan = DerivedPageOutcome & { page?: DerivedPage; rel?: string; expected?: string | null };

export async function planDerived(deps: ServiceDeps, scope: Scope, proposed: DerivedPage[], shown: RelatedPage[]): Promise<DerivedPlan[]> {
  const plans: DerivedPlan[] = [];
  for (const proposal of proposed) {
    // "Use its exact title" is how the provider updates a shown page, whatever its file name.
    const same = shown.find((s) => s.kind === proposal.kind && s.title.toLowerCase() === proposal.title.toLowerCase());
    const page = same ? { ...proposal, path: same.path } : proposal;
    const rel = wikiPath(scope, parsePagePath(page.path));
    const base = { path: page.path, kind: page.kind, title: page.title };
    const existing = deps.index.page(rel);
    const seen = shown.find((s) => s.rel === rel);
    if (existing?.pinned) plans.push({ ...base, status: 'skipped', reason: 'pinned pages are never rewritten' });
    else if (existing && !seen) plans.push({ ...base, status: 'skipped', reason: 'a page with this path exists and was not shown to the provider' });
    else if (seen && (await deps.store.files.read(rel)) !== seen.text) plans.push({ ...base, status: 'skipped', reason: 'the page changed while the provider was writing' });
    else plans.push({ ...base, status: 'planned', page, rel, expected: existing ? seen!.text : null });
  }
  return plans;
}

/** Writes the planned pages inside the caller's write job; returns the wiki paths written. */
export async function writeDerived(
  deps: ServiceDeps,
  tx: WikiTx,
  scope: Scope,
  plans: DerivedPlan[],
  provenance: Record<string, unknown>,
  at: Date,
): Promise<string[]> {
  const written: string[] = [];
  for (const plan of plans) {
    if (plan.status !== 'planned' || !plan.page || !plan.rel) continue;
    const { page } = plan;
    // Re-checked inside the writer: the provider call ran outside it.
    if ((await deps.store.files.read(plan.rel)) !== plan.expected) {
      Object.assign(plan, { status: 'skipped', reason: 'the page changed while the provider was writing' });
      continue;
    }
    const put = await tx.putPage(scope, parsePagePath(page.path), { body: page.body, title: page.title, kind: page.kind, extra: provenance }, at);
    plan.status = put.status === 'unchanged' ? 'unchanged' : 'written';
    if (put.status !== 'unchanged') written.push(put.rel);
  }
  return written;
}
