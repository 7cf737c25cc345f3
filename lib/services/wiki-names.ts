import { stemOf } from '../core/best-passage.js';
import { STOPWORDS } from '../core/stopwords.js';
import type { ServiceDeps } from './deps.js';
import { addExpansionMatches, type ExpansionQuery } from './search-signals.js';

/**
 * The wiki's own synonyms (issue 17), read from the wiki instead of written by hand: a page's
 * other names (its frontmatter `aliases`, the words other pages link to it with) name the same
 * thing as its title. When a query holds the whole of one of those names but the page's title
 * says it otherwise ("voucher", an alias of "Booking record"), pages that speak of the thing by
 * its title ("a booking record is never rewritten") answer the query too. The name's words then
 * also search for the title's words, at the weight of a related word (search-signals.ts).
 *
 * Computed at query time from the vocabulary matches search already made: no table to build or
 * keep current, nothing more in memory; a full-text query per name found (at most two).
 */
export interface WikiName {
  /** The name as the wiki writes it. */
  name: string;
  /** The page's title, whose words the term now also searches for. */
  title: string;
  /** That page, which its own vocabulary already finds. */
  rel: string;
  /** The FTS5 expression for the title's words. */
  expression: string;
}

// Pages whose vocabulary best matches the query, looked at.
const NAMED_PAGES = 2;
// At most this many names expand a query: each costs a full-text query.
const MAX_NAMES = 2;
// A title of more words is a sentence ("Stripe retries webhooks when the handler is slow"),
// not the name of a thing another word can stand for.
const MAX_TITLE_WORDS = 3;
// How far apart the title's words may stand in a page ("entries of the ledger").
const NEAR_DISTANCE = 3;
// Backlinks read for the words a page is linked with (a hub has thousands).
const LABELLED_BACKLINKS = 10;

/** `vocabularyMatches`: the pages whose vocabulary matched the query, best first (search-signals.ts). */
export function wikiNames(deps: ServiceDeps, wordClauses: ReadonlyArray<{ term: string }>, vocabularyMatches: readonly string[]): WikiName[] {
  const queryWords = new Set(wordClauses.filter((w) => !STOPWORDS.has(w.term)).map((w) => stemOf(w.term)));
  // A stem but its last letter starts the word it was cut from ("entr" of "entries"): a name
  // holding none of these holds no query word, and is turned down without splitting it into words.
  const starts = [...queryWords].map((stem) => stem.slice(0, -1));
  const out: WikiName[] = [];
  for (const rel of vocabularyMatches.slice(0, NAMED_PAGES)) {
    const page = deps.index.page(rel);
    if (!page) continue;
    const titleWords = contentWords(page.title);
    if (titleWords.length > MAX_TITLE_WORDS) continue;
    const titleStems = new Set(titleWords.map(stemOf));
    // A name counts when the query holds all of its words and the title does not already.
    // Most link words fail at their first word: the walk stops there (a hub's linking pages
    // hold hundreds of them), and a label seen once is not judged again.
    const judged = new Map<string, boolean>();
    const fits = (text: string) => {
      let verdict = judged.get(text);
      if (verdict === undefined) judged.set(text, (verdict = namesQueryWords(text, queryWords, titleStems, starts)));
      return verdict;
    };
    const name = nameOf(deps, page.rel, page.aliases, fits);
    if (!name) continue;
    const words = titleWords.filter((w) => !queryWords.has(stemOf(w)));
    if (words.length === 0) continue;
    const expression = words.length === 1 ? `"${words[0]}"` : `NEAR(${words.map((w) => `"${w}"`).join(' ')}, ${NEAR_DISTANCE})`;
    if (out.some((n) => n.expression === expression)) continue;
    out.push({ name, title: page.title, rel: page.rel, expression });
    if (out.length >= MAX_NAMES) break;
  }
  return out;
}

/**
 * Pages holding a name's title words gain a related word's share of a match (search-signals.ts).
 * Returns, for each page found, the name that found it; the named page itself is left out: its
 * own vocabulary found it.
 */
export function addWikiNameMatches(deps: ServiceDeps, scores: Map<string, number>, names: readonly WikiName[], query: ExpansionQuery): Map<string, WikiName> {
  const found = new Map<string, WikiName>();
  // Each name has its own expression: wikiNames leaves out a second name with the same one.
  for (const name of names) {
    for (const rel of addExpansionMatches(deps, scores, name.expression, query)) if (!found.has(rel) && rel !== name.rel) found.set(rel, name);
  }
  return found;
}

/**
 * The first of a page's aliases, or of the words other pages link to it with (as
 * index/vocabulary.ts gathers them), that `fits`. A link is resolved only when its words fit:
 * resolving every link of every linking page costs milliseconds on a hub.
 */
function nameOf(deps: ServiceDeps, rel: string, aliases: readonly string[] | undefined, fits: (text: string) => boolean): string | undefined {
  const alias = aliases?.find(fits);
  if (alias !== undefined) return alias;
  const seen = new Set<string>();
  for (const link of deps.index.backlinks(rel, LABELLED_BACKLINKS)) {
    if (seen.has(link.from)) continue;
    seen.add(link.from);
    const labels = deps.index.page(link.from)?.labels?.filter(([, label]) => fits(label));
    if (!labels || labels.length === 0) continue;
    const resolved = deps.index.links(link.from);
    const label = labels.find(([i]) => resolved[i]?.to === rel);
    if (label) return label[1];
  }
  return undefined;
}

/** Every content word of `text` is a query word (by stem), it has one, and one is not in the title. */
function namesQueryWords(text: string, queryWords: ReadonlySet<string>, titleStems: ReadonlySet<string>, starts: readonly string[]): boolean {
  const lower = text.toLowerCase();
  if (!starts.some((start) => lower.includes(start))) return false;
  let words = 0;
  let beyondTitle = false;
  for (const match of lower.matchAll(WORD)) {
    if (STOPWORDS.has(match[0])) continue;
    const stem = stemOf(match[0]);
    if (!queryWords.has(stem)) return false;
    words += 1;
    if (!titleStems.has(stem)) beyondTitle = true;
  }
  return words > 0 && beyondTitle;
}

const WORD = /[\p{L}\p{N}]+/gu;

function contentWords(text: string): string[] {
  return [...text.toLowerCase().matchAll(WORD)].map((m) => m[0]).filter((w) => !STOPWORDS.has(w));
}
