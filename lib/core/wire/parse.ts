import type { z } from 'zod';
import { MemoryError } from '../errors.js';

/** Set as `params.code` on a check whose failure means "too large", not "malformed". */
export const TOO_LARGE = { code: 'PAYLOAD_TOO_LARGE' } as const;

/**
 * Parses a wire request with its schema. A refusal is a MemoryError naming the field and the
 * rule ("q must be at most 2000 characters"), so HTTP answers 400 (413 for a body over its size
 * limit) with the same words the MCP tool gives for the same input.
 */
export function parseWire<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const tooLarge = issues.find((issue) => issue.code === 'custom' && (issue.params as { code?: string } | undefined)?.code === TOO_LARGE.code);
  if (tooLarge) throw new MemoryError('PAYLOAD_TOO_LARGE', describeIssue(tooLarge));
  throw new MemoryError('INVALID_INPUT', issues.slice(0, 3).map(describeIssue).join('; '));
}

/** `tags[2] must be at most 64 characters`; a message of zod's own keeps its capital after a colon. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = fieldPath(issue.path);
  if (!path) return issue.message;
  return /^[a-z(]/.test(issue.message) ? `${path} ${issue.message}` : `${path}: ${issue.message}`;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/**
 * A number given as text (a query parameter, a form field): an integer when it reads as one,
 * else the text itself, so the schema's message names the field and the rule.
 */
export function numberParam(value: string | undefined): unknown {
  if (value === undefined || value.trim() === '') return undefined;
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}
