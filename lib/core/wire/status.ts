import { z } from 'zod';
import { EVENT_KINDS } from '../capture/events.js';
import { count, offsetField, optionalText, result, scopeFields, strictArgs, text, toolScopeFields } from './fields.js';
import { COUNTS, LIMITS, OBSERVATION_BODY } from './limits.js';
import { scopeResult } from './scope.js';

export const memoryStatusArgs = strictArgs({ ...toolScopeFields });

export const statusResult = result({
  version: z.string(),
  scope: scopeResult,
  counts: result({ pages: z.number(), sessions: z.number(), open_handoffs: z.number(), projects: z.number(), open_sessions: z.number() }),
  index: result({ pages: z.number(), revision: z.number(), history_ready: z.boolean(), top_rows: z.enum(['ready', 'computing', 'none']) }),
  watcher: result({ live: z.boolean(), pending_external_commits: z.number() }),
});

/** `memory_briefing` and `GET .../briefing` list as many recent pages. */
export const briefingLimit = count(COUNTS.hits);

export const memoryBriefingArgs = strictArgs({
  recent_pages_limit: briefingLimit.default(COUNTS.hits.fallback).describe('Recent pages to list'),
  ...toolScopeFields,
});

const activity = result({ days: z.number(), sessions: z.number(), observations: z.number(), pages_updated: z.number() });
const briefingPage = result({ path: z.string(), title: z.string(), kind: z.string(), updated: z.string() });

export const briefing = result({
  workspace: z.string(),
  project: z.string(),
  counts: result({ pages: z.number(), sessions: z.number(), decisions: z.number(), rules: z.number(), open_handoffs: z.number() }),
  activity_7d: activity,
  activity_30d: activity,
  pending_handoff_count: z.number(),
  rules: z.array(briefingPage),
  pinned: z.array(briefingPage),
  recent_pages: z.array(briefingPage),
});

export const briefingResult = briefing.extend({ scope: scopeResult });

const observationFilters = {
  order: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).optional(),
  query: text(LIMITS.observationQueryChars).optional(),
};

export const memoryObservationsArgs = strictArgs({
  session_id: text(LIMITS.sessionIdChars).optional().describe('The session (default: the latest finished one)'),
  limit: count(COUNTS.observationsForAgent).default(COUNTS.observationsForAgent.fallback).describe('Events per page'),
  offset: offsetField.default(0).describe('Skip this many events (with limit, pages through total)'),
  order: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).default('asc').describe('Oldest first (asc) or newest first (desc)'),
  kinds: z.array(z.enum(EVENT_KINDS)).max(20).optional().describe('Only these event kinds, e.g. user-prompt, post-tool, tool-failure'),
  query: observationFilters.query.describe('Only events mentioning these words'),
  body_max_chars: count(OBSERVATION_BODY.forAgent).default(OBSERVATION_BODY.forAgent.fallback).describe('Cut each event body here'),
  ...toolScopeFields,
});

/** `GET .../sessions/:id/observations`: the browsing UI's larger pages; `kinds` is comma-separated. */
export const observationsQuery = z.object({
  limit: count(COUNTS.observationsForApi).optional(),
  offset: offsetField.optional(),
  ...observationFilters,
  kinds: z.array(z.string()).optional(),
  q: optionalText(LIMITS.observationQueryChars).optional(),
  body_max_chars: count(OBSERVATION_BODY.forApi).optional(),
});

export const observationsResult = result({
  session: result({ session_id: z.string(), agent: z.string(), workspace: z.string(), project: z.string(), open: z.boolean(), last_at: z.string() }),
  observations: z.array(result({ id: z.string(), at: z.string(), kind: z.string(), title: z.string(), body: z.string() })),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
  order: z.enum(['asc', 'desc']),
  body_max_chars: z.number(),
  scope: scopeResult,
});

/** `GET .../overview?limit=` and `GET .../briefing?limit=`. */
export const listQuery = z.object({ limit: briefingLimit.optional() });

/** `GET .../sessions?limit=&offset=`. */
export const sessionsQuery = z.object({ limit: count(COUNTS.sessions).optional(), offset: offsetField.optional() });

/** `memory_explore` and `GET /admin/catch-up`. */
const focus = optionalText(LIMITS.focusChars);

export const memoryExploreArgs = strictArgs({
  focus: focus.optional().describe('What to concentrate on'),
  recent_pages_limit: count(COUNTS.exploreRecent).default(COUNTS.exploreRecent.fallback).describe('Recent pages to draw on'),
  ...toolScopeFields,
});

export const catchUpQuery = z.object({ ...scopeFields, focus: focus.optional() });

export const exploreResult = result({
  workspace: z.string(),
  project: z.string(),
  away_days: z.number(),
  mode: z.enum(['llm', 'briefing']),
  digest: z.string().optional(),
  digest_unavailable: z.string().optional(),
  briefing,
  scope: scopeResult,
});
