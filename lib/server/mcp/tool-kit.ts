import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { McpServer, ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { MemoryError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';

/**
 * Each result is the tool's JSON object twice: as `structuredContent`, which clients check
 * against the tool's declared outputSchema, and as one text block for clients that read only
 * text. The text has no indentation: an agent reads it as well either way, and every byte of
 * whitespace lands in its context.
 */
export function jsonResult(value: object): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value as Record<string, unknown> };
}

/**
 * Runs a tool body and turns a MemoryError into an MCP error naming the problem: invalid input
 * and names of things that do not exist (a page, project, session, commit) are InvalidParams,
 * since the caller should change its arguments; anything unexpected is InternalError without
 * internals.
 */
export async function runTool(logger: Logger, name: string, body: () => Promise<object>): Promise<CallToolResult> {
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

/** A tool: its wire schemas come from lib/core/wire, shared with the HTTP API. */
export interface ToolDefinition<Input extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: Input;
  output: z.ZodObject;
  annotations: ToolAnnotations;
  /** Gets the parsed arguments (schema defaults applied) and returns the result object. */
  run: (args: z.output<Input>) => Promise<object>;
}

/** Registers a tool whose errors map as in `runTool` and whose result goes out by `jsonResult`. */
export function defineTool<Input extends z.ZodObject>(server: McpServer, logger: Logger, tool: ToolDefinition<Input>): void {
  const { name, title, description, input, output, annotations, run } = tool;
  const callback = (args: z.output<Input>) => runTool(logger, name, () => run(args));
  // The SDK derives the argument type from the schema through its own helper types, which
  // TypeScript cannot unify with z.output for a generic schema; it is the same parsed object.
  server.registerTool(name, { title, description, inputSchema: input, outputSchema: output, annotations }, callback as unknown as ToolCallback<Input>);
}
