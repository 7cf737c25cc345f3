/**
 * Why a search hit is in the results, as a record the search service fills while it shapes the
 * hits (which fields hold the query's words, which link brought a page in) and the ranking fills
 * for its own signals (time filter, supersession), rendered into one short phrase by
 * `matchReason`. Every surface (MCP, API, CLI, web) shows that same phrase.
 */
export type MatchField = 'title' | 'aliases' | 'tags' | 'summary' | 'path' | 'body';

/** Display order: a person reads "title and body", never "body and title". */
export const MATCH_FIELDS: readonly MatchField[] = ['title', 'aliases', 'tags', 'summary', 'path', 'body'];

/** How a page that holds none of the query's words is tied to a page that does. */
export type RelatedHow = 'linked-from' | 'links-to' | 'listed-beside';

export interface HitSignals {
  /** Fields holding at least one of the query's words, in `MATCH_FIELDS` order. */
  fields: MatchField[];
  /** The title matched only by prefix or a near spelling (the fuzzy title index). */
  fuzzyTitle?: boolean;
  /** Brought in only by similarity of meaning (the vector stream), sharing no word. */
  similar?: boolean;
  /** Set when no field holds a query word: the hit is a link neighbour of this matching page. */
  related?: { path: string; title: string; how: RelatedHow };
  /** The time expression the page satisfied, as the person would say it ("updated last week"). */
  time?: string;
  /** The kind of page the query asked for, when the ranking favoured it ("a decision, as asked"). */
  asked?: string;
  /** Other pages link to this one with the query's words (`[[page|words]]`): its own vocabulary. */
  linkText?: boolean;
  /** The page holds a word related to one of the query's ("secret" for "password"), not the word itself. */
  synonym?: boolean;
  /** Found through the wiki's other name for a thing: `term`, words of the query, is an alias or link text of the page titled `title`. */
  wikiName?: { term: string; title: string };
  /** The project's pending handoff, put first for a "where did we leave off" question. */
  pending?: boolean;
  /** Title of the newer page that supersedes this one. */
  supersededBy?: string;
  /** Title of an older page this one supersedes (the current end of a chain). */
  supersedes?: string;
}

export function emptySignals(): HitSignals {
  return { fields: [] };
}

/** True when the page itself matched; false for a hit that is only related to one that did. */
export function isDirectMatch(signals: HitSignals): boolean {
  return signals.fields.length > 0 || signals.pending === true || signals.fuzzyTitle === true || signals.similar === true || signals.time !== undefined || signals.linkText === true || signals.synonym === true || signals.wikiName !== undefined;
}

const MAX_TITLE_CHARS = 60;
const RELATED_WORDS: Record<RelatedHow, string> = { 'linked-from': 'linked from', 'links-to': 'links to', 'listed-beside': 'listed beside' };

/**
 * One short phrase: "title and body", "tags; fuzzy title", "linked from Auth decisions",
 * "body; updated last week; superseded by Queue choice, revised". Parts are joined with "; ".
 */
export function matchReason(signals: HitSignals): string {
  const parts: string[] = [];
  if (signals.pending) parts.push('the pending handoff: where the last session left off');
  const fields = MATCH_FIELDS.filter((f) => signals.fields.includes(f));
  if (fields.length > 0) parts.push(listWords(fields));
  if (signals.linkText) parts.push('link text');
  if (signals.fuzzyTitle && !fields.includes('title')) parts.push('fuzzy title');
  if (signals.synonym && parts.length === 0) parts.push('related word');
  if (signals.wikiName) parts.push(`"${signals.wikiName.term}" as in ${clip(signals.wikiName.title)}`);
  if (signals.similar && parts.length === 0) parts.push('similar meaning');
  if (signals.time) parts.push(signals.time);
  if (signals.asked && parts.length > 0) parts.push(signals.asked);
  if (parts.length === 0 && signals.related) parts.push(`${RELATED_WORDS[signals.related.how]} ${clip(signals.related.title)}`);
  if (signals.supersedes) parts.push(`replaces ${clip(signals.supersedes)}`);
  if (signals.supersededBy) parts.push(`superseded by ${clip(signals.supersededBy)}`);
  return parts.length > 0 ? parts.join('; ') : 'related';
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function clip(title: string): string {
  const text = title.replace(/\s+/g, ' ').trim();
  return text.length > MAX_TITLE_CHARS ? `${text.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}…` : text;
}
