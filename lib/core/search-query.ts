import { extractDates, type TimeRange } from './query-dates.js';
import { splitCompound } from './split-compounds.js';
import { STOPWORDS } from './stopwords.js';
import { wordForms } from './word-forms.js';

/**
 * Turns whatever a person or an agent typed into a safe FTS5 MATCH expression: the meaningful
 * words OR-ed together, each quoted so that FTS5 syntax characters (`-`, `:`, `*`, quotes,
 * parentheses, AND/OR/NOT/NEAR) are plain text. Compound tokens such as `foo-bar`, `lib/core`
 * or `file.ts` become phrases, so they match the words side by side. A possessive `'s` goes
 * (it would match every page with an apostrophe), and calendar dates become date phrases.
 */
export interface PreparedQuery {
  /** The MATCH expression, or null when nothing searchable is left. */
  match: string | null;
  /** The single words kept, lowercased, for title search and highlighting. */
  terms: string[];
  /** The quoted phrases OR-ed into `match`, in query order (date phrases first). */
  clauses: string[];
  /** Of those, the ones that are a single query word, with that word. */
  wordClauses: Array<{ clause: string; term: string }>;
  /** The days the query asks about ("last week", "in May", "before July"), when it names any. */
  range?: TimeRange;
  /** The relative time words still in the text query ("last week"), when the range came from them. */
  timeText: string[];
}

const MAX_TERMS = 32;
// Characters that separate words outright; anything else non-alphanumeric inside a token
// (`-`, `_`, `.`, `/`, `@`, `#`) joins its parts into a phrase.
const SEPARATORS = /[\s,;:!?()[\]{}"'`“”‘’<>|=+*^~]+/u;
const WORD_PARTS = /[\p{L}\p{N}]+/gu;
const POSSESSIVE = /(\p{L})['’]s\b/gu;

/** `asOf` is when the question is asked: "yesterday" is the day before it. */
export function prepareFtsQuery(query: string, asOf?: Date): PreparedQuery {
  const dates = extractDates(query.replace(POSSESSIVE, '$1'), asOf);
  const groups: string[][] = [];
  for (const token of dates.rest.split(SEPARATORS)) {
    const parts = [...token.toLowerCase().matchAll(WORD_PARTS)].map((m) => m[0]);
    if (parts.length > 0) groups.push(parts);
  }
  const joined = joinSplitCompounds(groups);
  const meaningful = joined.filter((parts) => parts.length > 1 || parts.compound !== undefined || !STOPWORDS.has(parts[0]!));
  // Only stopwords left: search them, unless the query named a time ("what did we do last week"
  // asks for that week's pages, not for every page holding "what").
  const kept = (meaningful.length > 0 || dates.clauses.length > 0 || dates.range ? meaningful : joined).slice(0, MAX_TERMS);
  const seen = new Set<string>(dates.clauses);
  const clauses: string[] = [...seen];
  const terms: string[] = [...new Set(dates.terms)];
  const wordClauses: PreparedQuery['wordClauses'] = [];
  for (const parts of kept) {
    if (parts.compound !== undefined) {
      // "log in": the compound or the phrase, whichever the wiki writes; never "log" alone.
      const clause = `("${parts.compound}" OR "${parts.join(' ')}")`;
      if (seen.has(clause)) continue;
      seen.add(clause);
      clauses.push(clause);
      wordClauses.push({ clause, term: parts.compound });
      if (!terms.includes(parts.compound)) terms.push(parts.compound);
      continue;
    }
    const forms = parts.length === 1 ? wordForms(parts[0]!) : [];
    const clause = forms.length > 1 ? `(${forms.map((f) => `"${f}"`).join(' OR ')})` : `"${parts.join(' ')}"`;
    if (seen.has(clause)) continue;
    seen.add(clause);
    clauses.push(clause);
    if (parts.length === 1) wordClauses.push({ clause, term: parts[0]! });
    for (const part of parts) if (!terms.includes(part)) terms.push(part);
  }
  const prepared: PreparedQuery = { match: clauses.length > 0 ? clauses.join(' OR ') : null, terms, clauses, wordClauses, timeText: dates.timeText };
  if (dates.range) prepared.range = dates.range;
  return prepared;
}

/** A word group, or a verb and its particle written apart that software writes as one word. */
type WordGroup = string[] & { compound?: string };

const DETERMINER = /^(the|a|an|this|that|these|those|its|our|their|my|your|his|her|each|every|no)$/;

function joinSplitCompounds(groups: string[][]): WordGroup[] {
  const joined: WordGroup[] = [];
  for (let i = 0; i < groups.length; i++) {
    const [first, next] = [groups[i]!, groups[i + 1]];
    // After a determiner the first word is a noun ("the log in JSON"), not the verb.
    const noun = i > 0 && groups[i - 1]!.length === 1 && DETERMINER.test(groups[i - 1]![0]!);
    const compound = !noun && first.length === 1 && next?.length === 1 ? splitCompound(first[0]!, next[0]!) : null;
    if (compound === null) {
      joined.push(first);
      continue;
    }
    joined.push(Object.assign([first[0]!, next![0]!], { compound }));
    i++;
  }
  return joined;
}

/**
 * The query without its relative time words, keeping the days they named: once the range picks
 * out pages by their dates, "week" in "what did we do this week" would only match pages about
 * weekends.
 */
export function withoutTimeWords(query: string, prepared: PreparedQuery, asOf?: Date): PreparedQuery {
  if (prepared.timeText.length === 0 || !prepared.range) return prepared;
  let rest = query;
  for (const text of prepared.timeText) rest = rest.replace(text, ' ');
  const stripped = prepareFtsQuery(rest, asOf);
  return { ...stripped, range: prepared.range, timeText: [] };
}
