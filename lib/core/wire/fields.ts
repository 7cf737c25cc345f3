import { z } from 'zod';
import { LIMITS, type CountLimit } from './limits.js';

/**
 * Field builders for the wire schemas. Their messages are predicates ("must be at most 2000
 * characters"): HTTP puts the field name in front (core/wire/parse.ts), the MCP SDK appends
 * "at <field>", so both surfaces name the same rule and the same number.
 */

/** A string of 1 to `max` characters. */
export function text(max: number) {
  const rule = `must be a string of 1 to ${max} characters`;
  return z.string({ error: rule }).min(1, { error: rule }).max(max, { error: `must be at most ${max} characters` });
}

/** A string of at most `max` characters, empty allowed (an empty value clears or means "none"). */
export function optionalText(max: number) {
  return z.string({ error: 'must be a string' }).max(max, { error: `must be at most ${max} characters` });
}

/** A count such as `limit`: an integer from 1 to the surface's maximum. */
export function count(limit: CountLimit | { min: number; max: number }) {
  const min = 'min' in limit ? limit.min : 1;
  const rule = `must be an integer from ${min} to ${limit.max}`;
  return z.int({ error: rule }).min(min, { error: rule }).max(limit.max, { error: rule });
}

export const offsetField = z.int({ error: 'must be a non-negative integer' }).min(0, { error: 'must be a non-negative integer' });

export const flag = z.boolean({ error: 'must be true or false' });

/** Lists of short strings (tags, handoff items): at most `items` of at most `chars` each. */
export function textList(items: number, chars: number) {
  return z.array(text(chars), { error: 'must be a list of strings' }).max(items, { error: `must hold at most ${items} items` });
}

/** workspace and project as HTTP bodies and query strings carry them (blank means "not given"). */
export const scopeFields = {
  workspace: optionalText(LIMITS.workspaceChars).optional(),
  project: optionalText(LIMITS.projectChars).optional(),
};

/** The same pair as MCP tool arguments: named, or left out for the session's project. */
export const toolScopeFields = {
  workspace: text(LIMITS.workspaceChars).optional().describe("Workspace of the project (pass together with project; default: the current session's)"),
  project: text(LIMITS.projectChars).optional().describe("Project name (pass together with workspace; default: the current session's)"),
};

/**
 * `scope: "global"` in place of workspace+project: the cross-project `_global` pages, for the
 * tools that read or change one page (the server instructions promise it for reads and writes).
 */
export const globalScopeArg = z
  .enum(['project', 'global'])
  .optional()
  .describe('"global" for the cross-project _global pages (paths from global_scope_hits) instead of this project; not with workspace/project');

export const pagePath = text(LIMITS.pathChars).describe('Page path inside the project, e.g. decisions/0001-db.md');

/**
 * A tool's arguments, with names it does not know refused instead of dropped: a model that
 * writes `projects` or `query_text` learns the right name from the error, rather than getting
 * an answer for the wrong scope. The listed schema says so too (additionalProperties: false).
 */
export function strictArgs<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape).strict();
}

/**
 * A tool result's schema: the fields an agent relies on are declared, and any others pass
 * (additionalProperties stays open), so adding a field to a result never breaks a client
 * that validates structured output.
 */
export function result<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.looseObject(shape);
}
