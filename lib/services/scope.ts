import { MemoryError } from '../core/errors.js';
import { DEFAULT_WORKSPACE, scopeKey, toSlug, type Scope } from '../core/paths.js';
import type { MemoryIndex } from '../index/memory-index.js';

/** A workspace/project pair as a caller names it (human names; slugs are derived). */
export interface ScopeInput {
  workspace?: string | undefined;
  project?: string | undefined;
}

/**
 * Turns caller-given names into a validated scope. Both or neither: a lone workspace or project
 * is ambiguous and refused (SPEC section 6). `defaultWorkspace` lets a surface that allows it (the
 * CLI) name only a project, meaning workspace `default`.
 */
export function parseScope(input: ScopeInput, options: { defaultWorkspace?: boolean } = {}): Scope | null {
  const workspace = blankToUndefined(input.workspace);
  const project = blankToUndefined(input.project);
  if (workspace === undefined && project === undefined) return null;
  if (project === undefined) {
    throw new MemoryError('INVALID_SCOPE', 'workspace was given without project; pass both or neither');
  }
  if (workspace === undefined && !options.defaultWorkspace) {
    throw new MemoryError('INVALID_SCOPE', 'project was given without workspace; pass both or neither');
  }
  return {
    workspace: workspace === undefined ? DEFAULT_WORKSPACE : toSlug(workspace, 'workspace'),
    project: toSlug(project, 'project'),
  };
}

export function requireScope(input: ScopeInput, options: { defaultWorkspace?: boolean } = {}): Scope {
  const scope = parseScope(input, options);
  if (!scope) throw new MemoryError('INVALID_SCOPE', 'a project is required (pass workspace and project)');
  return scope;
}

/** Reads never create a project: an unknown one is NOT_FOUND, with the name in the message. */
export function requireExistingProject(index: MemoryIndex, scope: Scope): Scope {
  // Fast path: a project written through the server has a manifest; the scan covers the rest.
  if (index.projectManifest(scope)) return scope;
  const projects = index.projects();
  const known = projects.some((p) => p.workspace === scope.workspace && p.project === scope.project);
  if (!known) {
    // Name the ones that exist: the usual cause is a typo or the folder-name default.
    const names = [...new Set(projects.filter((p) => p.workspace === scope.workspace).map((p) => p.project))].sort();
    const hint = names.length === 0 ? '' : `; ${scope.workspace} has ${names.slice(0, 10).join(', ')}${names.length > 10 ? `, ... (${names.length})` : ''}`;
    throw new MemoryError('NOT_FOUND', `no project ${scopeKey(scope)} in the wiki${hint}`, { workspace: scope.workspace, project: scope.project });
  }
  return scope;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
