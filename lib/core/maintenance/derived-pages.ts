import { titleSlug } from '../title-slug.js';
import { checkConsolidation } from './consolidation.js';

/**
 * Multi-page consolidation: besides the session page, the provider may propose a few durable
 * pages (a decision, a concept, a gotcha). It only chooses kind, title and body; the path is
 * derived here from the kind's folder and the title, so an answer can never name where it
 * writes (`../`, another project, an arbitrary existing page). Never a rule: agents are told
 * to follow rules, and the material is untrusted session text, so a prompt injection in a
 * session must not be able to mint one. Rules are written by people (or `memory_write_page`).
 */
export const DERIVED_PAGE_FOLDERS = { decision: 'decisions', concept: 'concepts', gotcha: 'gotchas' } as const;
export type DerivedKind = keyof typeof DERIVED_PAGE_FOLDERS;
export const MAX_DERIVED_PAGES = 4;

export interface DerivedPage {
  kind: DerivedKind;
  path: string;
  title: string;
  body: string;
}

export function derivedPagePath(kind: DerivedKind, title: string): string | null {
  const slug = titleSlug(title);
  return slug === '' ? null : `${DERIVED_PAGE_FOLDERS[kind]}/${slug}.md`;
}

/** Validates the answer's `pages`; each bad entry is reported and dropped, never fatal. */
export function checkDerivedPages(answer: Record<string, unknown>): { pages: DerivedPage[]; rejected: string[] } {
  const pages: DerivedPage[] = [];
  const rejected: string[] = [];
  const raw = answer.pages;
  if (raw === undefined) return { pages, rejected };
  if (!Array.isArray(raw)) return { pages, rejected: ['pages must be a list; none were written'] };
  raw.forEach((item: unknown, i) => {
    const label = `page ${i + 1}`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return void rejected.push(`${label}: not an object`);
    const entry = item as Record<string, unknown>;
    const kind = entry.kind;
    if (typeof kind !== 'string' || !Object.hasOwn(DERIVED_PAGE_FOLDERS, kind)) {
      return void rejected.push(`${label}: kind must be one of ${Object.keys(DERIVED_PAGE_FOLDERS).join(', ')}`);
    }
    const check = checkConsolidation(entry);
    if (!check.ok) return void rejected.push(`${label}: ${check.reason}`);
    const path = derivedPagePath(kind as DerivedKind, check.title);
    if (path === null) return void rejected.push(`${label}: the title has no letters or digits to name the page`);
    if (pages.some((p) => p.path === path)) return void rejected.push(`${label}: ${path} proposed twice`);
    if (pages.length >= MAX_DERIVED_PAGES) return void rejected.push(`${label}: more than ${MAX_DERIVED_PAGES} pages; dropped`);
    pages.push({ kind: kind as DerivedKind, path, title: check.title, body: check.body });
  });
  return { pages, rejected };
}
