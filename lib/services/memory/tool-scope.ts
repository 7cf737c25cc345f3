import { MemoryError } from '../../core/errors.js';
import { DEFAULT_WORKSPACE, GLOBAL_PROJECT, SCRATCH_PROJECT, scopeKey, type Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import type { SessionRegistry } from '../capture/registry.js';
import { parseScope, requireExistingProject } from '../scope.js';

export type ResolvedBy = 'explicit' | 'global' | 'session' | 'recent' | 'default';

export interface ToolScope {
  scope: Scope;
  resolvedBy: ResolvedBy;
  /** Whether the project exists in the wiki (reads of a missing default scope return nothing). */
  exists: boolean;
}

const ACTIVE_WINDOW_MS = 60 * 60_000;
const RECENT_WINDOW_MS = 30 * 24 * 60 * 60_000;

/**
 * Which project a tool call means (SPEC section 7): workspace and project together, or
 * `scope: "global"` for `_global`, else the project an agent is working in right now (the
 * latest foreground hook event), else the most recently active project (for reads, including
 * sessions that have ended), else `default/scratch`.
 * Explicit names are find-only for reads: reads never create a project.
 */
export function resolveToolScope(
  deps: ServiceDeps,
  registry: SessionRegistry,
  args: { workspace?: string | undefined; project?: string | undefined; scope?: string | undefined },
  mode: 'read' | 'write',
): ToolScope {
  const now = (deps.now ?? (() => new Date()))().getTime();
  const exists = (scope: Scope) => deps.index.projects().some((p) => `${p.workspace}/${p.project}` === scopeKey(scope));
  if (args.scope !== undefined && args.scope !== 'global' && args.scope !== 'project') {
    throw new MemoryError('INVALID_SCOPE', 'scope must be "global" or "project"');
  }
  if (args.scope === 'global') {
    if (args.workspace !== undefined || args.project !== undefined) throw new MemoryError('INVALID_SCOPE', 'pass scope "global" or workspace+project, not both');
    const scope = { workspace: DEFAULT_WORKSPACE, project: GLOBAL_PROJECT };
    return { scope, resolvedBy: 'global', exists: exists(scope) };
  }
  const explicit = parseScope(args);
  if (explicit) {
    if (mode === 'read') requireExistingProject(deps.index, explicit);
    return { scope: explicit, resolvedBy: 'explicit', exists: exists(explicit) };
  }
  const active = registry.active(now, ACTIVE_WINDOW_MS);
  if (active) return { scope: active.scope, resolvedBy: 'session', exists: exists(active.scope) };
  // Once the agent's session has ended, a read still means the project last worked in (an
  // agent without hooks asking "what did we decide?"); a write without a project goes to
  // scratch rather than into a project nobody named.
  const recent = registry.active(now, RECENT_WINDOW_MS, { includeEnded: mode === 'read' });
  if (recent) return { scope: recent.scope, resolvedBy: 'recent', exists: exists(recent.scope) };
  const fallback = { workspace: DEFAULT_WORKSPACE, project: SCRATCH_PROJECT };
  return { scope: fallback, resolvedBy: 'default', exists: exists(fallback) };
}
