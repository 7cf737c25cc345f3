import { z } from 'zod';
import { count, optionalText, result, strictArgs, text, textList, toolScopeFields } from './fields.js';
import { COUNTS, LIMITS } from './limits.js';
import { scopeResult } from './scope.js';

const handoffId = text(LIMITS.handoffIdChars).describe('The id from memory_handoff_list, e.g. 20261125-101500-ab12cd');
const items = (what: string) => textList(LIMITS.handoffItems, LIMITS.handoffItemChars).optional().describe(what);

export const memoryHandoffBeginArgs = strictArgs({
  summary: text(LIMITS.handoffSummaryChars).describe('What was being done and where it stands'),
  open_questions: items('Questions still open, one per item'),
  next_steps: items('What the next session should do, in order'),
  files_touched: textList(LIMITS.handoffItems, LIMITS.pathChars).optional().describe('Files you changed or were about to change'),
  unfixed_failures: items('Commands or checks still failing, with the error'),
  decisions: items('Decisions taken that the next session should keep'),
  cwd: optionalText(LIMITS.cwdChars).optional().describe('The directory you worked in'),
  ...toolScopeFields,
});

export const handoffBeginResult = result({ handoff_id: z.string(), state: z.enum(['open', 'accepted', 'expired']), manual: z.literal(true), scope: scopeResult });

export const memoryHandoffListArgs = strictArgs({
  state: z.enum(['open', 'accepted', 'expired', 'all']).default('open').describe('Which handoffs'),
  limit: count(COUNTS.handoffs).default(COUNTS.handoffs.fallback).describe('At most this many'),
  ...toolScopeFields,
});

/** A handoff as every surface shows it (core/contract-browse.ts HandoffView). */
const handoffView = result({
  id: z.string(),
  path: z.string(),
  state: z.enum(['open', 'accepted', 'expired']),
  created: z.string(),
  manual: z.boolean(),
  summary: z.string(),
  next_steps: z.array(z.string()),
  open_questions: z.array(z.string()),
  files_touched: z.array(z.string()),
  unfixed_failures: z.array(z.string()),
  decisions: z.array(z.string()),
});

export const handoffListResult = result({ handoffs: z.array(handoffView), scope: scopeResult });

export const memoryHandoffAcceptArgs = strictArgs({
  handoff_id: handoffId,
  cwd: optionalText(LIMITS.cwdChars).optional().describe('The directory you work in (recorded with the claim)'),
  ...toolScopeFields,
});

export const handoffAcceptResult = result({
  status: z.enum(['claimed', 'none_pending']),
  handoff: handoffView.nullable(),
  markdown: z.string().optional(),
  scope: scopeResult,
});

export const memoryHandoffCancelArgs = strictArgs({ handoff_id: handoffId, ...toolScopeFields });

export const handoffCancelResult = result({ handoff_id: z.string(), cancelled: z.boolean(), state: z.enum(['open', 'accepted', 'expired']), scope: scopeResult });
