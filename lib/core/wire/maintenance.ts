import { z } from 'zod';
import { flag, optionalText, result, scopeFields, strictArgs, text, toolScopeFields } from './fields.js';
import { LIMITS } from './limits.js';
import { scopeResult } from './scope.js';

const consolidateFields = {
  session_id: text(LIMITS.sessionIdChars).optional().describe('The session to rewrite (default: the latest session page)'),
  dry_run: flag.optional().describe('Return the rewrite without writing it'),
  multi_page: flag.optional().describe('Also extract up to 4 decision, concept or gotcha pages from the session'),
  instructions: z
    .string({ error: 'must be a string' })
    .max(LIMITS.instructionChars, { error: `may hold at most ${LIMITS.instructionChars} characters` })
    .optional()
    .describe('Advisory style wishes (tone, length, structure); never changes what is written'),
};

/** `POST /admin/consolidate` (an empty session_id means the latest session, as the CLI sends it). */
export const consolidateRequest = z.object({ ...scopeFields, ...consolidateFields, session_id: optionalText(LIMITS.sessionIdChars).optional() });

export const memoryConsolidateArgs = strictArgs({ ...consolidateFields, ...toolScopeFields });

export const consolidateResult = result({
  workspace: z.string(),
  project: z.string(),
  session_id: z.string(),
  path: z.string(),
  dry_run: z.boolean(),
  status: z.enum(['rewritten', 'unchanged', 'planned', 'skipped']),
  scope: scopeResult,
});

/** `POST /admin/lint` and `POST /admin/forget-sweep`. */
export const lintRequest = z.object({ ...scopeFields, dry_run: flag.optional(), no_llm: flag.optional() });
export const sweepRequest = z.object({ ...scopeFields, dry_run: flag.optional() });

export const memoryLintArgs = strictArgs({
  dry_run: flag.optional().describe('Return the findings without writing _lint/ pages'),
  no_llm: flag.optional().describe('Skip the LLM contradiction pass'),
  ...toolScopeFields,
});

export const lintResult = result({
  dry_run: z.boolean(),
  scanned: z.number(),
  findings: z.array(result({ check: z.string(), severity: z.string(), path: z.string(), title: z.string(), detail: z.string() })),
  counts: z.record(z.string(), z.number()),
  pages: z.array(z.string()),
  commit: z.string().optional(),
  llm_error: z.string().optional(),
  scope: scopeResult,
});

export const memoryForgetSweepArgs = strictArgs({ dry_run: flag.optional().describe('List what would be removed without removing it'), ...toolScopeFields });

const sweepEntry = result({ path: z.string(), reason: z.enum(['expired', 'decayed']) });

export const sweepResult = result({
  dry_run: z.boolean(),
  scanned: z.number(),
  evicted: z.array(sweepEntry),
  deleted: z.array(sweepEntry),
  kept: z.number(),
  commit: z.string().optional(),
  scope: scopeResult,
});
