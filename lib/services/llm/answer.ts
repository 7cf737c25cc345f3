import { splitPage } from '../../core/frontmatter.js';
import type { PageHit } from '../../core/contract.js';
import type { ServiceDeps } from '../deps.js';
import { budget, dataBlock, NO_PROVIDER, parseJsonObject, UNTRUSTED_NOTICE } from './prompts.js';

export interface QueryAnswer {
  text: string;
  /** Page paths the answer rests on; only pages that were given to the model. */
  citations: string[];
}

export type AnswerOutcome = { answer: QueryAnswer } | { answer_unavailable: string };

const MAX_PAGES = 6;
const PAGE_CHARS = 3000;

/**
 * `memory_query` with `answer: true`: a short answer from the top hits, citing their paths.
 * Without a provider, or when the provider fails, the search result stands and the reason is
 * given in `answer_unavailable`; the search itself never fails because of the answer.
 */
export async function answerFromHits(deps: ServiceDeps, query: string, hits: PageHit[]): Promise<AnswerOutcome> {
  const llm = deps.providers?.llm;
  if (!llm) return { answer_unavailable: NO_PROVIDER };
  if (hits.length === 0) return { answer_unavailable: 'no page matched the query, so there is nothing to answer from' };
  const pages = hits.slice(0, MAX_PAGES).map((hit) => {
    const text = deps.store.files.readNow(`${hit.workspace}/${hit.project}/${hit.path}`) ?? '';
    return { path: hit.path, title: hit.title, text: budget(splitPage(text).body, PAGE_CHARS) };
  });
  const system = [
    'You answer questions about a software project from its memory wiki.',
    UNTRUSTED_NOTICE,
    'Answer in at most five sentences using only the pages given. If they do not answer the question, say so.',
    'Reply with a JSON object: {"answer": string, "citations": [page paths you used]}.',
  ].join('\n');
  const user = `Question: ${JSON.stringify(query)}\n\nPages:\n${dataBlock(pages)}`;
  let raw: string;
  try {
    raw = await llm.complete({ system, user, maxTokens: 800, json: true });
  } catch (error) {
    return { answer_unavailable: (error as Error).message };
  }
  const parsed = parseJsonObject(raw);
  const text = typeof parsed?.answer === 'string' ? parsed.answer.trim() : '';
  if (!text) return { answer_unavailable: `${llm.provider}: the answer was not the JSON asked for` };
  const given = new Set(pages.map((p) => p.path));
  const citations = Array.isArray(parsed?.citations) ? [...new Set(parsed.citations.filter((c): c is string => typeof c === 'string' && given.has(c)))] : [];
  return { answer: { text: text.slice(0, 4000), citations } };
}
