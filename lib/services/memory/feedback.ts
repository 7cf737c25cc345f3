import type { Actor } from '../../core/actor.js';
import { parseFrontmatter, splitPage } from '../../core/frontmatter.js';
import { redact } from '../../core/capture/redact.js';
import { invalid, notFound } from '../../core/errors.js';
import { parsePagePath, scopeKey, wikiPath, type Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import { writeJob } from '../write-job.js';

export const FEEDBACK_SIGNALS = ['helpful', 'not_helpful', 'stale', 'wrong'] as const;
export type FeedbackSignal = (typeof FEEDBACK_SIGNALS)[number];

/**
 * Records what an agent found a page to be (memory_feedback). The counts live in the page's
 * own frontmatter, so they travel with the page and `git log` shows who said what; `stale` and
 * `wrong` make the page a lint finding until it is rewritten.
 */
export async function recordFeedback(deps: ServiceDeps, scope: Scope, path: string, signal: string, reason: string | undefined, actor?: Actor) {
  if (!(FEEDBACK_SIGNALS as readonly string[]).includes(signal)) throw invalid(`signal must be one of ${FEEDBACK_SIGNALS.join(', ')}`);
  const cleanReason = reason === undefined ? undefined : redact(String(reason)).replace(/\s+/g, ' ').trim().slice(0, 500);
  const rel = wikiPath(scope, parsePagePath(path));
  const message = `Feedback on ${rel}: ${signal}${cleanReason ? ` (${cleanReason.slice(0, 80)})` : ''}`;
  const { value } = await writeJob(deps, { message, author: actor }, async (tx) => {
    const text = await deps.store.files.read(rel);
    if (text === null) throw notFound(`no page ${path} in ${scopeKey(scope)}`);
    const current = parseFrontmatter(splitPage(text).yaml).data.feedback;
    const counts: Record<string, number> = {};
    for (const key of FEEDBACK_SIGNALS) {
      const value = (current as Record<string, unknown> | undefined)?.[key];
      counts[key] = typeof value === 'number' ? value : 0;
    }
    counts[signal] = (counts[signal] ?? 0) + 1;
    const at = (deps.now ?? (() => new Date()))().toISOString();
    const last: Record<string, string> = { signal, at };
    if (cleanReason) last.reason = cleanReason;
    await tx.editFrontmatter(rel, { feedback: { ...counts, last } });
    return { path, signal, counts };
  });
  return value;
}
