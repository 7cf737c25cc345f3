import type { IndexedPage } from './indexed-page.js';

type Labels = NonNullable<IndexedPage['labels']>;

/** The saved text of labels not read since their page was decoded. */
const unread = new WeakMap<IndexedPage, string>();

/**
 * A page's link labels as the catalog saves them: one JSON string per page instead of an array
 * of [index, words] pairs. At 50k pages the pairs are ~700k arrays and strings, about half of
 * what decoding a catalog allocates (and the garbage collector then copies); most are never
 * read while the server runs (only the vocabulary of a changed page's targets and the link
 * words a search looks at read them). Labels never read are saved again as they were read.
 */
export function labelsText(page: IndexedPage): string | undefined {
  const text = unread.get(page);
  if (text !== undefined) return text;
  return page.labels && page.labels.length > 0 ? JSON.stringify(page.labels) : undefined;
}

/**
 * Gives a decoded page its labels from their saved text, parsed the first time they are read
 * (the property then holds the array, as on any other page). Writing the property replaces it.
 */
export function attachLabels(page: IndexedPage, text: string): void {
  unread.set(page, text);
  const settle = (value: Labels | undefined) => {
    unread.delete(page);
    Object.defineProperty(page, 'labels', { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(page, 'labels', {
    enumerable: true,
    configurable: true,
    get: () => settle(JSON.parse(text) as Labels),
    set: settle,
  });
}

/** The page's fields but its labels, without reading them (a spread would parse them). */
export function withoutLabels(page: IndexedPage): Omit<IndexedPage, 'labels'> {
  const record: Partial<IndexedPage> = {};
  for (const key of Object.keys(page) as Array<keyof IndexedPage>) {
    if (key !== 'labels') (record as Record<string, unknown>)[key] = page[key];
  }
  return record as Omit<IndexedPage, 'labels'>;
}
