import { shortDate, type Style } from './format.js';
import { count } from './words.js';

/** The fields of the server's briefing the terminal shows (the JSON keeps them all). */
interface BriefingLike {
  workspace?: string;
  project?: string;
  counts?: { pages?: number; sessions?: number; decisions?: number; rules?: number; open_handoffs?: number };
  activity_7d?: { sessions?: number; pages_updated?: number };
  last_observation_at?: string;
  rules?: Array<{ path: string; title: string }>;
  pinned?: Array<{ path: string; title: string }>;
  recent_pages?: Array<{ path: string; title: string; kind?: string; updated?: string }>;
}

/** A project's briefing as a person reads it, when no provider wrote a digest. */
export function briefingText(raw: Record<string, unknown>, style: Style): string {
  const b = raw as BriefingLike;
  const c = b.counts ?? {};
  const out = [
    style.bold(`${b.workspace}/${b.project}`),
    `${count(c.pages ?? 0, 'page')}, ${count(c.sessions ?? 0, 'session')}, ${count(c.decisions ?? 0, 'decision')}, ${count(c.rules ?? 0, 'rule')}` +
      (c.open_handoffs ? `, ${count(c.open_handoffs, 'handoff')} waiting` : ''),
    `Last 7 days: ${count(b.activity_7d?.sessions ?? 0, 'session')}, ${count(b.activity_7d?.pages_updated ?? 0, 'page')} updated${b.last_observation_at ? `; last activity ${shortDate(b.last_observation_at)}` : ''}`,
  ];
  const list = (heading: string, pages: Array<{ path: string; title: string; updated?: string }> | undefined) => {
    if (!pages || pages.length === 0) return;
    out.push('', style.bold(heading));
    for (const p of pages) out.push(`  ${p.title}  ${style.dim(`${p.path}${p.updated ? `  ${shortDate(p.updated)}` : ''}`)}`);
  };
  list('Rules', b.rules);
  list('Pinned', b.pinned);
  list('Recently updated', b.recent_pages);
  return out.join('\n');
}
