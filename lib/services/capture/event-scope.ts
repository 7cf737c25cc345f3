import { redact } from '../../core/capture/redact.js';
import { MemoryError } from '../../core/errors.js';
import { DEFAULT_WORKSPACE, GLOBAL_PROJECT, SCRATCH_PROJECT, toSlug, type Scope, type Slug } from '../../core/paths.js';
import type { ResolvedByOf } from '../../core/scope-rules.js';

/** How a hook request's names became a project (`session` is the ingest's: a known session keeps its project). */
export type EventResolvedBy = Exclude<ResolvedByOf<'hook'>, 'session'>;

/**
 * Where a captured event belongs (SPEC section 4, the `hook` row of SCOPE_RULES): the workspace
 * and project the hook resolved on the agent's machine, else the cwd's folder name, else
 * `default/scratch`. Capture never writes `_global`, and a name that cannot be a folder (or holds
 * a secret) falls back to scratch rather than losing the event.
 */
export function resolveEventScope(hints: { workspace?: string | undefined; project?: string | undefined }, cwd: string | null): { scope: Scope; resolvedBy: EventResolvedBy } {
  const workspace = safeSlug(hints.workspace, 'workspace') ?? DEFAULT_WORKSPACE;
  const named = safeSlug(hints.project, 'project');
  const fromCwd = cwd ? safeSlug(basenameOf(cwd), 'project') : null;
  const [project, resolvedBy]: [Slug, EventResolvedBy] = named ? [named, 'explicit'] : fromCwd ? [fromCwd, 'cwd'] : [SCRATCH_PROJECT, 'default'];
  if (project === GLOBAL_PROJECT) return { scope: { workspace, project: SCRATCH_PROJECT }, resolvedBy: 'default' };
  return { scope: { workspace, project }, resolvedBy };
}

export function eventScope(hints: { workspace?: string | undefined; project?: string | undefined }, cwd: string | null): Scope {
  return resolveEventScope(hints, cwd).scope;
}

function safeSlug(name: string | undefined, what: 'workspace' | 'project') {
  if (name === undefined || name.trim() === '') return null;
  // A folder named after a secret would put it in every path, sync and commit.
  if (redact(name) !== name) return null;
  try {
    return toSlug(name, what);
  } catch (error) {
    if (error instanceof MemoryError) return null;
    throw error;
  }
}

/** The last segment of a POSIX or Windows path. */
export function basenameOf(path: string): string {
  const parts = path.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}
