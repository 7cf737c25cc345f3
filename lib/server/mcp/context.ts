import type { Logger } from '../../core/logger.js';
import type { Services } from '../../services/services.js';
import { resolveToolScope, type ToolScope } from '../../services/memory/tool-scope.js';

/** What every tool registration receives: the services and how to resolve a call's scope. */
export interface McpContext {
  services: Services;
  logger: Logger;
  scope(args: { workspace?: string | undefined; project?: string | undefined; scope?: string | undefined }, mode: 'read' | 'write'): ToolScope;
}

export function mcpContext(services: Services, logger: Logger): McpContext {
  return {
    services,
    logger,
    scope: (args, mode) => resolveToolScope(services.deps, services.sessions.registry, args, mode),
  };
}

export function scopeView(resolved: ToolScope) {
  return { workspace: resolved.scope.workspace, project: resolved.scope.project, resolved_by: resolved.resolvedBy };
}
