import type { HandoffView } from '../core/contract-browse.js';
import { shortDate, type Style } from './format.js';

/**
 * A pending handoff as a person reads it in a terminal, in the order the next agent gets it
 * (where it stopped, next steps, open questions, failures, files, decisions, summary), as
 * plain text: the wiki page's markdown escapes would show as backslashes here.
 */
export function handoffText(handoff: HandoffView, scope: string, style: Style): string {
  const from = [handoff.agent ? `from ${handoff.agent}` : '', `left ${shortDate(handoff.created)}`, handoff.cwd ? `in ${handoff.cwd}` : ''].filter(Boolean).join(' · ');
  const out = [style.bold(`Pending handoff in ${scope}: ${handoff.title ?? handoff.id}`), style.dim(from)];
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    out.push('', style.bold(title), ...items.map((item) => `  - ${item.replace(/\s*\n\s*/g, ' ')}`));
  };
  const where = [handoff.last_prompt ? `Last request: ${handoff.last_prompt}` : '', handoff.last_reply ? `Last reply: ${handoff.last_reply}` : ''].filter(Boolean);
  section('Where it stopped', where);
  section('Next steps', handoff.next_steps);
  section('Open questions', handoff.open_questions);
  section('Failures not fixed', handoff.unfixed_failures);
  section(handoff.manual ? 'Files touched' : 'Files changed', handoff.files_touched);
  section('Decisions', handoff.decisions);
  if (handoff.summary) out.push('', style.bold('Summary'), ...handoff.summary.split('\n').map((line) => (line ? `  ${line}` : '')));
  out.push('', style.dim(`Handoff page: ${handoff.path}${handoff.session_page ? ` · session page: ${handoff.session_page}` : ''} (ai-memory read-page <path>)`));
  out.push(style.dim('Not claimed: the next agent started in this project still receives it.'));
  return out.join('\n');
}
