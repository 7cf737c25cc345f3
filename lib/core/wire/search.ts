import { z } from 'zod';
import { PAGE_KINDS } from '../page.js';
import { count, flag, globalScopeArg, optionalText, result, scopeFields, strictArgs, text, toolScopeFields } from './fields.js';
import { COUNTS, LIMITS } from './limits.js';
import { scopeResult } from './scope.js';

export const queryText = text(LIMITS.queryChars);
const kinds = z.array(z.enum(PAGE_KINDS), { error: `must be a list of ${PAGE_KINDS.join(', ')}` });
const projectRef = z.object({ workspace: text(LIMITS.workspaceChars), project: text(LIMITS.projectChars) });
const scopeList = z
  .array(projectRef, { error: `must be a list of 1 to ${LIMITS.searchScopes} {workspace, project} objects` })
  .min(1, { error: `must be a list of 1 to ${LIMITS.searchScopes} {workspace, project} objects` })
  .max(LIMITS.searchScopes, { error: `must be a list of 1 to ${LIMITS.searchScopes} {workspace, project} objects` });

/** What narrows a search on every surface. */
const filters = {
  limit: count(COUNTS.hits).optional(),
  kinds: kinds.optional(),
  include_superseded: flag.optional(),
  include_expired: flag.optional(),
};

/** `GET|POST /api/v1/search` (GET sends the same fields as query parameters). */
export const searchRequest = z.object({
  q: z
    .string({ error: '(the query) is required' })
    .max(LIMITS.queryChars, { error: `must be at most ${LIMITS.queryChars} characters` })
    .refine((q) => q.trim() !== '', { error: '(the query) is required' }),
  scopes: scopeList.optional(),
  ...scopeFields,
  global: flag.optional(),
  ...filters,
  answer: flag.optional(),
});
export type SearchRequestInput = z.output<typeof searchRequest>;

/** `memory_query`. */
export const memoryQueryArgs = strictArgs({
  query: queryText.describe('What to look for, in plain words'),
  limit: count(COUNTS.hits).default(COUNTS.hits.fallback).describe(`Number of hits (at most ${COUNTS.hits.max})`),
  scopes: scopeList.optional().describe('Search these projects instead of the current one'),
  global: flag.optional().describe('Search every project; each hit names its project'),
  scope: z.enum(['project', 'global']).optional().describe('"global" searches only the cross-project _global pages (unlike global: true, which searches every project)'),
  kinds: filters.kinds.describe('Only these kinds of pages'),
  include_superseded: flag.optional().describe('Also return pages another page supersedes'),
  include_expired: flag.optional().describe('Also return pages past their expires_at'),
  answer: flag.optional().describe('Also write a short answer citing page paths (needs an LLM provider; otherwise answer_unavailable says why)'),
  ...toolScopeFields,
});

const agentHit = result({
  path: z.string(),
  title: z.string(),
  kind: z.string(),
  snippet: z.string(),
  reason: z.string().optional(),
  related_from: z.string().optional(),
  workspace: z.string().optional(),
  project: z.string().optional(),
});

export const memoryQueryResult = result({
  hits: z.array(agentHit),
  global_scope_hits: z.array(agentHit).optional(),
  raw_hits: z.array(result({ session_id: z.string(), event: z.string(), at: z.string(), snippet: z.string() })).optional(),
  answer: result({ text: z.string(), citations: z.array(z.string()) }).optional(),
  answer_unavailable: z.string().optional(),
  scope: scopeResult,
});

/** `memory_recent` and `GET .../recent` share the count. */
export const recentLimit = count(COUNTS.hits);

export const memoryRecentArgs = strictArgs({
  limit: recentLimit.default(COUNTS.hits.fallback).describe('Number of pages'),
  scope: globalScopeArg,
  ...toolScopeFields,
});

/** `GET .../recent?limit=`. */
export const recentQuery = z.object({ limit: recentLimit.optional() });

export const memoryRecentResult = result({
  hits: z.array(result({ path: z.string(), title: z.string(), kind: z.string(), updated: z.string(), summary: z.string().optional() })),
  scope: scopeResult,
});

/** `GET /api/v1/titles`: title suggestions as someone types. */
export const titlesQuery = z.object({ q: optionalText(LIMITS.titleQueryChars).optional(), ...scopeFields, limit: count(COUNTS.titles).optional() });

/** The web UI's suggestions under its search box: fewer. */
export const webTitlesQuery = z.object({ limit: count(COUNTS.webTitles).optional() });
