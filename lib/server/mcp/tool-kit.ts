import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { MemoryError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';

/** Every tool takes optional workspace and project, together. */
export const scopeShape = {
  workspace: z.string().min(1).max(64).optional().describe('Workspace of the project (pass together with project; default: the current session\'s)'),
  project: z.string().min(1).max(128).optional().describe('Project name (pass together with workspace; default: the current session\'s)'),
};

/**
 * `scope: "global"` in place of workspace+project: the cross-project `_global` pages, for the
 * tools that read or change one page (the server instructions promise it for reads and writes).
 */
export const globalScopeArg = z
  .enum(['project', 'global'])
  .optional()
  .describe('"global" for the cross-project _global pages (paths from global_scope_hits) instead of this project; not with workspace/project');

/**
 * A tool's arguments, with names it does not know refused instead of dropped: a model that
 * writes `projects` or `query_text` learns the right name from the error, rather than getting
 * an answer for the wrong scope. The listed schema says so too (additionalProperties: false).
 */
export function strictArgs<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape).strict();
}

/**
 * Each result is one text block holding a JSON document, without indentation: an agent reads
 * it as well either way, and every byte of whitespace lands in its context.
 */
export function jsonResult(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }] };
}

/**
 * Runs a tool body and turns a MemoryError into an MCP error naming the problem: invalid input
 * and names of things that do not exist (a page, project, session, commit) are InvalidParams,
 * since the caller should change its arguments; anything unexpected is InternalError without
 * internals.
 */
export async function runTool(logger: Logger, name: string, body: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return jsonResult(await body());
  } catch (error) {
    if (error instanceof McpError) throw error;
    if (error instanceof MemoryError) {
      const invalidInput = error.code.startsWith('INVALID') || error.code === 'PAYLOAD_TOO_LARGE' || error.code === 'NOT_FOUND';
      throw new McpError(invalidInput ? ErrorCode.InvalidParams : ErrorCode.InternalError, `${name}: ${error.message}`, { code: error.code });
    }
    logger.error(`${name} failed: ${(error as Error)?.stack ?? String(error)}`);
    throw new McpError(ErrorCode.InternalError, `${name} failed unexpectedly; see the server log`);
  }
}

export const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
export const writes = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
export const destructive = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false } as const;
