import type { HandoffRecord } from '../../core/capture/handoff.js';
import type { HandoffView } from '../../core/contract-browse.js';

/** A handoff as the JSON API and the MCP tools show it: snake_case, like every other result. */
export function handoffView(record: HandoffRecord): HandoffView {
  const view: HandoffView = {
    id: record.id,
    path: `handoffs/${record.id}.md`,
    state: record.state,
    created: record.created,
    manual: record.manual,
    summary: record.summary,
    next_steps: record.nextSteps,
    open_questions: record.openQuestions,
    files_touched: record.filesTouched,
  };
  if (record.agent) view.agent = record.agent;
  if (record.cwd) view.cwd = record.cwd;
  if (record.sessionId) view.session_id = record.sessionId;
  if (record.acceptedAt) view.accepted_at = record.acceptedAt;
  if (record.acceptedBy) view.accepted_by = record.acceptedBy;
  return view;
}
