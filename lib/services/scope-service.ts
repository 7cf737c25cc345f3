import type { Scope } from '../core/paths.js';
import { SCOPE_RULES } from '../core/scope-rules.js';
import type { SessionRegistry } from './capture/registry.js';
import type { ServiceDeps } from './deps.js';
import { resolveToolScope, type ToolScope } from './memory/tool-scope.js';
import { requireExistingProject, requireScope, type ScopeInput } from './scope.js';

/** Surfaces whose callers name a project outright (rows of SCOPE_RULES). */
export type NamingSurface = 'api' | 'admin' | 'mcp';

/** Which project a request means, by the rules of its surface (lib/core/scope-rules.ts). */
export interface ScopeService {
  /** An MCP tool call: named, global, or the project the agent's session is in. */
  forTool(args: { workspace?: string | undefined; project?: string | undefined; scope?: string | undefined }, mode: 'read' | 'write'): ToolScope;
  /** Names a caller gave on `surface`, for a read: the project must exist. */
  existing(input: ScopeInput, surface: NamingSurface): Scope;
}

export function createScopeService(deps: ServiceDeps, registry: SessionRegistry): ScopeService {
  return {
    forTool: (args, mode) => resolveToolScope(deps, registry, args, mode),
    existing: (input, surface) => requireExistingProject(deps.index, requireScope(input, SCOPE_RULES[surface])),
  };
}
