import { redact } from '../../core/capture/redact.js';
import { MemoryError } from '../../core/errors.js';
import { DEFAULT_WORKSPACE, GLOBAL_PROJECT, SCRATCH_PROJECT, toSlug, type Scope } from '../../core/paths.js';

/**
 * Where a captured event belongs (SPEC section 4): the workspace and project the hook resolved
 * on the agent's machine, else the cwd's folder name, else `default/scratch`. Capture never
 * writes `_global`, and a name that cannot be a folder (or holds a secret) falls back to scratch
 * rather than losing the event.
 */
export function eventScope(hints: { workspace?: string | undefined; project?: string | undefined }, cwd: string | null): Scope {
  const workspace = safeSlug(hints.workspace, 'workspace') ?? DEFAULT_WORKSPACE;
  const named = safeSlug(hints.project, 'project');
  const fromCwd = cwd ? safeSlug(basenameOf(cwd), 'project') : null;
  const project = named ?? fromCwd ?? SCRATCH_PROJECT;
  return { workspace, project: project === GLOBAL_PROJECT ? SCRATCH_PROJECT : project };
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
