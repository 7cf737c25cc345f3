import { z } from 'zod';
import { normalizeInstant, PAGE_KINDS, TIERS } from '../page.js';
import { count, flag, globalScopeArg, optionalText, pagePath, result, scopeFields, strictArgs, text, textList, toolScopeFields } from './fields.js';
import { COUNTS, LIMITS } from './limits.js';
import { TOO_LARGE } from './parse.js';
import { scopeResult } from './scope.js';

export const FEEDBACK_SIGNALS = ['helpful', 'not_helpful', 'stale', 'wrong'] as const;

const bodyRule = `must be at most ${LIMITS.bodyBytes} bytes; split the page`;
const titleRule = `must be one line of at most ${LIMITS.titleChars} characters`;
const instantRule = 'must be a date (YYYY-MM-DD) or an RFC 3339 instant';

/** The fields of a page write, as `POST /admin/write-page` and `memory_write_page` take them. */
const writeFields = {
  path: pagePath,
  // Characters first (cheap, and what JSON Schema can say), then UTF-8 bytes, the real limit.
  body: z
    .string({ error: 'must be a string' })
    .max(LIMITS.bodyBytes, { error: bodyRule })
    .refine((body) => Buffer.byteLength(body) <= LIMITS.bodyBytes, { error: bodyRule, params: TOO_LARGE })
    .describe('Markdown; start with "# Title"'),
  title: z
    .string({ error: titleRule })
    .max(LIMITS.titleChars, { error: titleRule })
    .refine((title) => title.trim() !== '' && !/[\r\n]/.test(title), { error: titleRule })
    .optional()
    .describe('Title, when the body has no "# " heading'),
  kind: z.enum(PAGE_KINDS, { error: `must be one of ${PAGE_KINDS.join(', ')}` }).optional().describe('Page kind (default: from the folder)'),
  tags: textList(LIMITS.tags, LIMITS.tagChars).optional().describe('Short labels, e.g. ["db", "auth"]'),
  aliases: textList(LIMITS.aliases, LIMITS.aliasChars)
    .optional()
    .describe('Other names people use for this page, e.g. ["journal line"]; search finds the page by them'),
  tier: z.enum(TIERS, { error: `must be one of ${TIERS.join(', ')}` }).optional().describe('semantic (default for durable pages) never decays; episodic does'),
  pinned: flag.optional().describe('Pinned pages never decay and rank a little higher'),
  expires_at: optionalText(40)
    .refine((value) => value === '' || normalizeInstant(value, 'end-of-day') !== undefined, { error: instantRule })
    .optional()
    .describe('A date or instant after which the page is hidden and swept'),
  supersedes: textList(LIMITS.supersedes, LIMITS.pathChars).optional().describe('Paths of pages this one replaces'),
  summary: optionalText(LIMITS.summaryChars).optional().describe('One line describing the page'),
};

/** `POST /admin/write-page`; also what the page service checks, whoever calls it. */
export const writePageRequest = z.object({ ...scopeFields, ...writeFields });
export type WritePageInput = z.output<typeof writePageRequest>;

export const memoryWritePageArgs = strictArgs({
  ...writeFields,
  scope: z.enum(['project', 'global']).optional().describe('"global" writes to the cross-project _global pages'),
  ...toolScopeFields,
});

export const writePageResult = result({
  workspace: z.string(),
  project: z.string(),
  path: z.string(),
  title: z.string(),
  kind: z.string(),
  status: z.enum(['created', 'updated', 'unchanged']),
  commit: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  scope: scopeResult,
});

/** `POST /admin/delete-page`. */
export const deletePageRequest = z.object({ ...scopeFields, path: pagePath });

export const memoryDeletePageArgs = strictArgs({ path: pagePath, scope: globalScopeArg, ...toolScopeFields });
export const deletePageResult = result({ deleted: z.boolean(), commit: z.string().optional(), path: z.string(), scope: scopeResult });

const revision = z.string().min(4).max(40);
const relatedDepth = count({ min: 1, max: LIMITS.relatedDepth });

/** `GET .../related/<path>?depth=`. */
export const relatedQuery = z.object({ depth: relatedDepth.optional() });

export const memoryReadPageArgs = strictArgs({
  path: pagePath.optional(),
  query: text(LIMITS.queryChars).optional().describe('Read the best match of this query (when no path is given)'),
  include_related: flag.optional().describe('Also list pages linked from or to this page (for an old version: what that version linked to, one step)'),
  related_depth: relatedDepth.default(1).describe('How many links away related pages may be'),
  rev: revision.optional().describe('A commit id from memory_history'),
  as_of: revision.optional().describe('A date (YYYY-MM-DD) or RFC 3339 instant'),
  scope: globalScopeArg,
  ...toolScopeFields,
});

const link = result({ path: z.string(), title: z.string(), exists: z.boolean() });

export const readPageResult = result({
  workspace: z.string(),
  project: z.string(),
  path: z.string(),
  title: z.string(),
  kind: z.string(),
  tags: z.array(z.string()),
  pinned: z.boolean(),
  body: z.string(),
  frontmatter: z.record(z.string(), z.unknown()),
  links: z.array(link),
  backlinks: z.array(link),
  rev: z.string().optional(),
  related: z.array(result({ path: z.string(), title: z.string(), depth: z.number(), direction: z.enum(['link', 'backlink']) })).optional(),
  scope: scopeResult,
});

export const memoryHistoryArgs = strictArgs({
  path: pagePath,
  limit: count(COUNTS.historyForAgent).default(COUNTS.historyForAgent.fallback).describe('Number of commits'),
  scope: globalScopeArg,
  ...toolScopeFields,
});

/** `GET .../history/<path>?limit=&stats=`: every commit unless limited. */
export const historyQuery = z.object({ limit: count(COUNTS.historyForApi).optional(), stats: flag.optional() });

export const historyResult = result({
  path: z.string(),
  commits: z.array(result({ commit: z.string(), short: z.string(), date: z.string(), message: z.string(), author: z.string(), stat: result({ added: z.number(), removed: z.number() }).optional() })),
  scope: scopeResult,
});

export const memoryFeedbackArgs = strictArgs({
  path: pagePath,
  signal: z.enum(FEEDBACK_SIGNALS).describe('helpful, not_helpful, stale (outdated) or wrong'),
  reason: optionalText(LIMITS.reasonChars).optional().describe('One line: why'),
  scope: globalScopeArg,
  ...toolScopeFields,
});

export const feedbackResult = result({ path: z.string(), signal: z.enum(FEEDBACK_SIGNALS), counts: z.record(z.string(), z.number()), scope: scopeResult });
