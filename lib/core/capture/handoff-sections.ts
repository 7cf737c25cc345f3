import type { HandoffContent } from './session-digest.js';
import { escapeInline } from './session-page.js';

/**
 * The handoff's content as sections in order of usefulness to the next agent (SPEC section 5):
 * where it stopped, next steps, open questions, failures not fixed, files changed, decisions,
 * then the summary. The handoff page, the SessionStart block and the web views share this
 * order; the block drops items from it to stay within its budget.
 */
export interface HandoffSection {
  key: 'where' | 'next' | 'questions' | 'failures' | 'files' | 'decisions' | 'summary';
  title: string;
  /** One markdown line per item (escaped: captured text never makes a wiki link). */
  lines: string[];
  /** What one left-out item is called in "left out: 3 files". */
  unit: [string, string];
}

export function handoffSections(content: HandoffContent & { manual?: boolean }): HandoffSection[] {
  const where: string[] = [];
  // An unanswered last request already leads the next steps; it is not said twice.
  const unanswered = content.nextSteps[0]?.startsWith('Unanswered request: ') && content.lastPrompt && content.nextSteps[0].includes(content.lastPrompt);
  if (content.lastPrompt && !unanswered) where.push(`- Last request: ${escapeInline(content.lastPrompt)}`);
  if (content.lastReply) where.push(`- Last reply: ${escapeInline(content.lastReply)}`);
  const sections: HandoffSection[] = [
    { key: 'where', title: 'Where it stopped', lines: where, unit: ['detail', 'details'] },
    { key: 'next', title: 'Next steps', lines: bullets(content.nextSteps), unit: ['next step', 'next steps'] },
    { key: 'questions', title: 'Open questions', lines: bullets(content.openQuestions), unit: ['open question', 'open questions'] },
    { key: 'failures', title: 'Failures not fixed', lines: bullets(content.failures ?? []), unit: ['failure', 'failures'] },
    { key: 'files', title: content.manual ? 'Files touched' : 'Files changed', lines: content.filesTouched.map((f) => `- \`${f.replace(/`/g, "'").replace(/\n/g, ' ')}\``), unit: ['file', 'files'] },
    { key: 'decisions', title: 'Decisions', lines: bullets(content.decisions ?? []), unit: ['decision', 'decisions'] },
    { key: 'summary', title: 'Summary', lines: content.summary ? [escapeInline(content.summary)] : [], unit: ['summary', 'summary'] },
  ];
  return sections.filter((s) => s.lines.length > 0);
}

function bullets(items: string[]): string[] {
  return items.map((item) => `- ${escapeInline(item.replace(/\n+/g, ' '))}`);
}
