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
    unfixed_failures: record.failures ?? [],
    decisions: record.decisions ?? [],
  };
  if (record.title) view.title = record.title;
  if (record.lastPrompt) view.last_prompt = record.lastPrompt;
  if (record.lastReply) view.last_reply = record.lastReply;
  if (record.sessionPage) view.session_page = record.sessionPage;
  if (record.agent) view.agent = record.agent;
  if (record.cwd) view.cwd = record.cwd;
  if (record.sessionId) view.session_id = record.sessionId;
  if (record.acceptedAt) view.accepted_at = record.acceptedAt;
  if (record.acceptedBy) view.accepted_by = record.acceptedBy;
  return view;
}
