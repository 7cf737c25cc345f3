import type { RawHit } from '../../core/contract.js';
import { isEvent, type CapturedEvent } from '../../core/capture/captured-event.js';
import { prepareFtsQuery } from '../../core/search-query.js';
import { highlight, termMatcher } from '../../core/snippet.js';
import type { Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import type { SessionRegistry } from '../capture/registry.js';

const SESSIONS_SCANNED = 50;

/**
 * When no page matches, what was said and done in recent sessions may: the captured events of
 * the newest sessions in scope, matched word by word (SPEC section 6, `raw_hits`).
 */
export async function searchRaw(deps: ServiceDeps, registry: SessionRegistry, scopes: Scope[], query: string, limit: number): Promise<RawHit[]> {
  const terms = prepareFtsQuery(query).terms;
  if (terms.length === 0) return [];
  const matches = termMatcher(terms);
  const hits: Array<RawHit & { score: number }> = [];
  for (const scope of scopes) {
    for (const entry of registry.inScope(scope).slice(0, SESSIONS_SCANNED)) {
      const events = (await deps.store.raw.read(entry.scope, entry.fileId)).filter(isEvent);
      for (const event of events) {
        const text = eventText(event);
        if (!text) continue;
        const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
        const matched = new Set(words.filter(matches).map((w) => w.toLowerCase()));
        if (matched.size === 0) continue;
        hits.push({
          workspace: entry.scope.workspace,
          project: entry.scope.project,
          session_id: event.session,
          event: event.kind,
          at: event.at,
          snippet: highlight(text.length > 300 ? `${text.slice(0, 300)}…` : text, terms),
          score: matched.size,
        });
      }
    }
  }
  return hits
    .sort((a, b) => b.score - a.score || b.at.localeCompare(a.at))
    .slice(0, limit)
    .map(({ score: _score, ...hit }) => hit);
}

export function eventText(event: CapturedEvent): string {
  return [event.prompt, event.tool ? `${event.tool.name} ${event.tool.input ?? ''} ${event.tool.output ?? ''}` : undefined, event.text]
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
