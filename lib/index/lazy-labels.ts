import type { IndexedPage } from './indexed-page.js';

type Labels = NonNullable<IndexedPage['labels']>;

/**
 * A page's link labels as the catalog saves them: one JSON string per page instead of an array
 * of [index, words] pairs. At 50k pages the pairs are ~700k arrays and strings, about half of
 * what decoding a catalog allocates (and the garbage collector then copies); most are never
 * read while the server runs (only the vocabulary of a changed page's targets and the link
 * words a search looks at read them).
 */
export function labelsText(page: IndexedPage): string | undefined {
  return page.labels && page.labels.length > 0 ? JSON.stringify(page.labels) : undefined;
}

/**
 * Gives a decoded page its labels from their saved text, parsed the first time they are read
 * (the property then holds the array, as on any other page). Writing the property replaces it.
 */
export function attachLabels(page: IndexedPage, text: string): void {
  const settle = (value: Labels | undefined) => {
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
