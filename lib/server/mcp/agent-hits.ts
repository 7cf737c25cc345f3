import type { PageHit, RawHit, ScopeRef, SearchResponse } from '../../core/contract.js';
import { DEFAULT_WORKSPACE, GLOBAL_PROJECT } from '../../core/paths.js';
import { snippetAsText } from '../../core/plain-snippet.js';

/** A search hit as an agent reads it: what it needs to judge the page and open it, nothing more. */
export interface AgentHit {
  path: string;
  title: string;
  kind: PageHit['kind'];
  /** Why it matched ("title and body", "linked from Auth decisions"). */
  reason?: string;
  /** Only for a page holding none of the query's words: the matching page it is linked with. */
  related_from?: string;
  /** Plain text, matched words between `**`. */
  snippet: string;
  pinned?: true;
  superseded?: true;
  expired?: true;
  /** Only when the hit is in another project than the one searched. */
  workspace?: string;
  project?: string;
}

type AgentRawHit = Omit<RawHit, 'workspace' | 'project'> & Partial<ScopeRef>;

export type AgentSearchResult = Omit<SearchResponse, 'query' | 'hits' | 'global_scope_hits' | 'raw_hits'> & {
  hits: AgentHit[];
  global_scope_hits?: AgentHit[];
  raw_hits?: AgentRawHit[];
};

const GLOBAL_SCOPE: ScopeRef = { workspace: DEFAULT_WORKSPACE, project: GLOBAL_PROJECT };

/**
 * `memory_query`'s answer, compact for an agent's context: no HTML (`<mark>` becomes `**`,
 * entities are decoded), no score (the order says it), no echo of the query, and no
 * workspace/project on hits from the one project searched (the result's `scope` names it;
 * `global_scope_hits` are read with `scope: "global"`). The HTTP API keeps the full shape.
 */
export function forAgent(result: SearchResponse, searched: ScopeRef | null): AgentSearchResult {
  const { query: _query, hits, global_scope_hits, raw_hits, ...rest } = result;
  const out: AgentSearchResult = { hits: hits.map((hit) => agentHit(hit, searched)), ...rest };
  if (global_scope_hits) out.global_scope_hits = global_scope_hits.map((hit) => agentHit(hit, GLOBAL_SCOPE));
  if (raw_hits) out.raw_hits = raw_hits.map((hit) => ({ ...withoutScope(hit, searched), snippet: snippetAsText(hit.snippet) }));
  return out;
}

function agentHit(hit: PageHit, searched: ScopeRef | null): AgentHit {
  const out: AgentHit = {
    path: hit.path,
    title: hit.title,
    kind: hit.kind,
    ...(hit.reason ? { reason: hit.reason } : {}),
    ...(hit.related_from ? { related_from: hit.related_from } : {}),
    snippet: snippetAsText(hit.snippet),
  };
  if (hit.pinned) out.pinned = true;
  if (hit.superseded) out.superseded = true;
  if (hit.expired) out.expired = true;
  return { ...out, ...scopeIfOther(hit, searched) };
}

function withoutScope<T extends ScopeRef>(hit: T, searched: ScopeRef | null): Omit<T, 'workspace' | 'project'> & Partial<ScopeRef> {
  const { workspace: _w, project: _p, ...rest } = hit;
  return { ...rest, ...scopeIfOther(hit, searched) };
}

function scopeIfOther(hit: ScopeRef, searched: ScopeRef | null): Partial<ScopeRef> {
  return searched && hit.workspace === searched.workspace && hit.project === searched.project ? {} : { workspace: hit.workspace, project: hit.project };
}
