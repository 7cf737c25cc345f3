import { LruCache } from '../../core/lru.js';
import type { ServiceDeps } from '../deps.js';
import type { createSearchService } from '../search.js';

type SearchService = ReturnType<typeof createSearchService>;

/** Rephrasings asked for, and the longest one kept. */
const MAX_REWRITES = 3;
const MAX_REWRITE_CHARS = 200;
const REWRITE_TIMEOUT_MS = 5000;
/** A page found by a rephrasing counts a little less than the vector stream (embedding.ts: 0.8). */
const WEIGHT_REWRITE = 0.6;

const SYSTEM = `You rewrite one search query for a software project's markdown wiki (decisions, gotchas, rules, procedures, concepts, agent session logs).
Give up to ${MAX_REWRITES} alternative queries worded the way such pages would word it: the technical term for a plain description, synonyms a team would use, expanded abbreviations.
Keep names, identifiers, error text and dates as they are. No explanations.
Answer with JSON only: {"queries": ["...", "..."]}`;

/**
 * Opt-in (AI_MEMORY_SEARCH_REWRITE=1 with an LLM provider): the LLM rephrases the query and each
 * rephrasing is searched too; the pages they find join the ranking as one more stream, so a
 * question worded unlike the page can still find it. Any failure (timeout, bad JSON) leaves the
 * search as it would be without it. Rephrasings are cached per query; the default path never
 * calls a provider.
 */
export function withQueryRewrite(deps: ServiceDeps, search: SearchService): SearchService {
  const cache = new LruCache<string[]>(500);
  async function rewrites(q: string): Promise<string[]> {
    const cached = cache.get(q);
    if (cached) return cached;
    const llm = deps.providers!.llm!;
    const text = await Promise.race([
      llm.complete({ system: SYSTEM, user: q, maxTokens: 300, json: true }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('query rewrite timed out')), REWRITE_TIMEOUT_MS).unref()),
    ]);
    const queries = parseRewrites(text).filter((r) => r.toLowerCase() !== q.trim().toLowerCase());
    cache.set(q, queries);
    return queries;
  }
  return {
    ...search,
    async search(input) {
      if (!deps.providers?.searchRewrite || !deps.providers.llm || input.extraStream) return search.search(input);
      let alternatives: string[];
      try {
        alternatives = await rewrites(input.q);
      } catch (error) {
        deps.logger.warn(`query rewrite skipped: ${(error as Error).message}`);
        return search.search(input);
      }
      if (alternatives.length === 0) return search.search(input);
      const limit = Math.min(400, Math.max(40, (input.limit ?? 10) * 4));
      const lists = await Promise.all(alternatives.map((q) => search.search({ ...input, q, limit, withGlobalScope: false })));
      // Round robin over the rephrasings' rankings: each one's best pages first.
      const rels: string[] = [];
      for (let rank = 0; rank < limit; rank++) {
        for (const list of lists) {
          const hit = list.hits[rank];
          const rel = hit && `${hit.workspace}/${hit.project}/${hit.path}`;
          if (rel && !rels.includes(rel)) rels.push(rel);
        }
      }
      return search.search({ ...input, extraStream: { rels, weight: WEIGHT_REWRITE } });
    },
  };
}

/** The rephrasings in the model's answer; anything that is not a list of short strings is none. */
export function parseRewrites(text: string): string[] {
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  if (!json) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  const queries = (value as { queries?: unknown }).queries;
  if (!Array.isArray(queries)) return [];
  return queries
    .filter((q): q is string => typeof q === 'string' && q.trim() !== '')
    .map((q) => q.trim().slice(0, MAX_REWRITE_CHARS))
    .slice(0, MAX_REWRITES);
}
