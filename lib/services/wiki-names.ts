import { STOPWORDS } from '../core/stopwords.js';
import type { ServiceDeps } from './deps.js';

/**
 * The wiki's own synonyms (issue 17), read from the wiki instead of written by hand: a page's
 * other names (its frontmatter `aliases`, the words other pages link to it with) name the same
 * thing as its title. When a query word is in one of a page's other names but not in its title
 * ("posting", an alias of "Ledger entry"), pages that speak of the thing by its title ("ledger
 * entries are never updated") answer the query too. The query word then also searches for the
 * title's words, at the weight of a related word (search-signals.ts).
 *
 * Computed at query time from the vocabulary rows the index already keeps: one small FTS query
 * per query word, no table to build or keep current, nothing more in memory.
 */
export interface WikiName {
  /** The query word found in another name of a page. */
  term: string;
  /** The page's title, whose words the term now also searches for. */
  title: string;
  /** That page, which its own vocabulary already finds. */
  rel: string;
  /** The FTS5 expression for the title's words. */
  expression: string;
}

// Pages whose other names hold a query word, looked at per word: the best few by bm25.
const NAMED_PAGES = 3;
// A title of more words is a sentence ("Stripe retries webhooks when the handler is slow"),
// not the name of a thing another word can stand for.
const MAX_TITLE_WORDS = 3;
// How far apart the title's words may stand in a page ("entries of the ledger").
const NEAR_DISTANCE = 3;

export function wikiNames(
  deps: ServiceDeps,
  wordClauses: ReadonlyArray<{ clause: string; term: string }>,
  scopeKeys: string[] | null,
): WikiName[] {
  const { index } = deps;
  const queryWords = new Set(wordClauses.map((w) => stem(w.term)));
  const out: WikiName[] = [];
  for (const { clause, term } of wordClauses) {
    if (STOPWORDS.has(term)) continue;
    const seen = new Set<string>();
    for (const match of index.fullText.matchVocabulary(clause, scopeKeys, NAMED_PAGES)) {
      const page = index.pageById(match.id);
      if (!page) continue;
      const titleWords = contentWords(page.title);
      if (titleWords.some((w) => stem(w) === stem(term))) continue;
      const words = titleWords.filter((w) => !queryWords.has(stem(w)));
      if (words.length === 0 || titleWords.length > MAX_TITLE_WORDS) continue;
      const expression = words.length === 1 ? `"${words[0]}"` : `NEAR(${words.map((w) => `"${w}"`).join(' ')}, ${NEAR_DISTANCE})`;
      if (seen.has(expression)) continue;
      seen.add(expression);
      out.push({ term, title: page.title, rel: page.rel, expression });
    }
  }
  return out;
}

function contentWords(text: string): string[] {
  return [...text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]).filter((w) => !STOPWORDS.has(w));
}

// Near enough to porter for telling whether a title already holds a word: the plural and verb
// endings the FTS stemmer also strips.
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  for (const ending of ['es', 's', 'ed', 'ing']) {
    if (word.length > ending.length + 2 && word.endsWith(ending)) return undoubled(word.slice(0, -ending.length));
  }
  return word;
}

// "running" -> "runn" -> "run".
function undoubled(word: string): string {
  return word.length > 3 && word.at(-1) === word.at(-2) ? word.slice(0, -1) : word;
}
