import type { ScopeRef } from '../../lib/core/contract.js';

/** A page as the server names it: workspace, project and the path inside the project. */
export interface PageRef extends ScopeRef {
  path: string;
}

// The server's folder-name rule (lib/core/paths.ts): lowercase, portable, not hidden.
const SLUG = /^[a-z0-9][a-z0-9._-]*$/;
const GLOBAL_PROJECT = '_global';
const MANIFEST_FILE = '_project.md';

/** "wiki/" or "/wiki" -> "wiki"; "" stays "" (the vault is the wiki). */
export function normalizeFolder(folder: string): string {
  return folder.trim().replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
}

/**
 * Maps a vault path to the page it is, or null for anything that is not a memory page:
 * files outside the wiki folder, at the wiki root, in hidden folders (.obsidian, .trash),
 * project manifests and non-markdown files.
 */
export function pageRefOf(vaultPath: string, wikiFolder = ''): PageRef | null {
  const parts = projectParts(vaultPath, wikiFolder);
  if (!parts) return null;
  const path = parts.rest.join('/');
  if (!path.endsWith('.md') || path === MANIFEST_FILE) return null;
  if (parts.rest.some((segment) => segment === '' || segment.startsWith('.'))) return null;
  return { workspace: parts.workspace, project: parts.project, path };
}

/** The project a vault path belongs to, also for folders and manifests; null outside any. */
export function scopeOfVaultPath(vaultPath: string, wikiFolder = ''): ScopeRef | null {
  const parts = projectParts(vaultPath, wikiFolder);
  return parts ? { workspace: parts.workspace, project: parts.project } : null;
}

/** `<wiki folder>/<workspace>/<project>/<rest...>`, when the first two are project folders. */
function projectParts(vaultPath: string, wikiFolder: string): (ScopeRef & { rest: string[] }) | null {
  const folder = normalizeFolder(wikiFolder);
  if (folder && !vaultPath.startsWith(`${folder}/`)) return null;
  const rel = folder ? vaultPath.slice(folder.length + 1) : vaultPath;
  const [workspace, project, ...rest] = rel.split('/');
  if (!workspace || !project || rest.length === 0) return null;
  if (!SLUG.test(workspace) || !(SLUG.test(project) || project === GLOBAL_PROJECT)) return null;
  return { workspace, project, rest };
}

/** The vault path of a page: `<wiki folder>/<workspace>/<project>/<path>`. */
export function vaultPathOf(ref: PageRef, wikiFolder = ''): string {
  const folder = normalizeFolder(wikiFolder);
  const rel = `${ref.workspace}/${ref.project}/${ref.path}`;
  return folder ? `${folder}/${rel}` : rel;
}

export function sameScope(a: ScopeRef | null, b: ScopeRef | null): boolean {
  return a !== null && b !== null && a.workspace === b.workspace && a.project === b.project;
}

export function scopeLabel(scope: ScopeRef): string {
  return `${scope.workspace}/${scope.project}`;
}

/** The page path for a new memory: `<kind folder>/<slug of the title>.md` (the steps of lib/core/title-slug.ts; the plugin shares only types with lib/). */
export function suggestedPath(kindFolder: string, title: string): string {
  const slug =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'untitled';
  return `${kindFolder}/${slug}.md`;
}
