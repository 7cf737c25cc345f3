import type { MatchField } from './match-reason.js';
import { termMatcher } from './snippet.js';

/** The short fields of a page that search looks at besides its body. */
export interface PageFields {
  title: string;
  path: string;
  tags: readonly string[];
  aliases: readonly string[];
  summary?: string | undefined;
}

const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * Which of a page's short fields hold at least one query term, matched the way snippets are
 * highlighted (`termMatcher`: same light stem, or the term with a short tail), so the reason a
 * hit gives agrees with the words lit up in it. The body is checked by the snippet itself.
 */
export function matchedFields(page: PageFields, terms: readonly string[]): MatchField[] {
  const matches = termMatcher(terms);
  const holds = (text: string | undefined) => text !== undefined && (text.match(WORDS) ?? []).some(matches);
  const fields: MatchField[] = [];
  if (holds(page.title)) fields.push('title');
  if (page.aliases.some(holds)) fields.push('aliases');
  if (page.tags.some(holds)) fields.push('tags');
  if (holds(page.summary)) fields.push('summary');
  if (holds(page.path.replace(/\.md$/, ''))) fields.push('path');
  return fields;
}
