import { MemoryError } from '../../core/errors.js';
import { DEFAULT_WORKSPACE, GLOBAL_PROJECT, SCRATCH_PROJECT, scopeKey, type Scope } from '../../core/paths.js';
import { SCOPE_RULES, type ResolvedByOf } from '../../core/scope-rules.js';
import type { ServiceDeps } from '../deps.js';
import type { SessionRegistry } from '../capture/registry.js';
import { parseScope, requireExistingProject } from '../scope.js';

/** How a tool call's one project was found (`all_projects` belongs to memory_query's list form). */
export type ResolvedBy = Exclude<ResolvedByOf<'mcp'>, 'all_projects'>;

export interface ToolScope {
  scope: Scope;
  resolvedBy: ResolvedBy;
  /** Whether the project exists in the wiki (reads of a missing default scope return nothing). */
  exists: boolean;
}

type ToolScopeArgs = { workspace?: string | undefined; project?: string | undefined; scope?: string | undefined };

const RULE = SCOPE_RULES.mcp;

/**
 * Which project a tool call means (SPEC section 7), trying the steps of the `mcp` row of
 * SCOPE_RULES in its order: workspace and project together, or `scope: "global"` for `_global`,
 * else the project an agent is working in right now (the latest foreground hook event), else the
 * most recently active project (for reads, including sessions that have ended), else
 * `default/scratch`. Explicit names are find-only for reads: reads never create a project.
 */
export function resolveToolScope(deps: ServiceDeps, registry: SessionRegistry, args: ToolScopeArgs, mode: 'read' | 'write'): ToolScope {
  const now = (deps.now ?? (() => new Date()))().getTime();
  const exists = (scope: Scope) => deps.index.projects().some((p) => `${p.workspace}/${p.project}` === scopeKey(scope));
  const found = (scope: Scope | undefined, resolvedBy: ResolvedBy): ToolScope | null => (scope ? { scope, resolvedBy, exists: exists(scope) } : null);
  if (args.scope !== undefined && args.scope !== 'global' && args.scope !== 'project') {
    throw new MemoryError('INVALID_SCOPE', 'scope must be "global" or "project"');
  }
  if (args.scope === 'global' && (args.workspace !== undefined || args.project !== undefined)) {
    throw new MemoryError('INVALID_SCOPE', 'pass scope "global" or workspace+project, not both');
  }
  const steps: Record<ResolvedBy, () => ToolScope | null> = {
    explicit: () => {
      const explicit = parseScope(args, RULE);
      if (explicit && mode === 'read' && RULE.readsNeedProject) requireExistingProject(deps.index, explicit);
      return found(explicit ?? undefined, 'explicit');
    },
    global: () => found(args.scope === 'global' ? { workspace: DEFAULT_WORKSPACE, project: GLOBAL_PROJECT } : undefined, 'global'),
    session: () => found(registry.active(now, RULE.activeWindowMs)?.scope, 'session'),
    // Once the agent's session has ended, a read still means the project last worked in (an
    // agent without hooks asking "what did we decide?"); a write without a project goes to
    // scratch rather than into a project nobody named.
    recent: () => found(registry.active(now, RULE.recentWindowMs, { includeEnded: mode === 'read' })?.scope, 'recent'),
    default: () => found({ workspace: DEFAULT_WORKSPACE, project: SCRATCH_PROJECT }, 'default'),
  };
  for (const step of RULE.resolvedBy) {
    const resolved = step === 'all_projects' ? null : steps[step]();
    if (resolved) return resolved;
  }
  throw new MemoryError('INTERNAL', 'no scope rule matched; the mcp row of SCOPE_RULES must end with "default"');
}
