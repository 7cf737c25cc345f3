import type { Actor } from '../../core/actor.js';
import type { Logger } from '../../core/logger.js';
import type { Services } from '../../services/services.js';
import type { ToolScope } from '../../services/memory/tool-scope.js';

/** What every tool registration receives: the services and how to resolve a call's scope. */
export interface McpContext {
  services: Services;
  logger: Logger;
  /** Who called: attribution for writes (git author, last_modified_by). */
  actor: Actor;
  scope(args: { workspace?: string | undefined; project?: string | undefined; scope?: string | undefined }, mode: 'read' | 'write'): ToolScope;
}

export function mcpContext(services: Services, logger: Logger, actor: Actor): McpContext {
  return {
    services,
    logger,
    actor,
    scope: (args, mode) => services.scopes.forTool(args, mode),
  };
}

export function scopeView(resolved: ToolScope) {
  return { workspace: resolved.scope.workspace, project: resolved.scope.project, resolved_by: resolved.resolvedBy };
}
