import type { IndexedPage } from './indexed-page.js';

type Labels = NonNullable<IndexedPage['labels']>;

/**
 * The saved text of labels not read since their page was decoded, on the page itself under a
 * non-enumerable symbol: JSON.stringify, Object.keys, spreads and deepEqual do not see it.
 */
const UNREAD = Symbol('unread labels text');
type Unread = IndexedPage & { [UNREAD]?: string };

/**
 * A page's link labels as the catalog saves them: one JSON string per page instead of an array
 * of [index, words] pairs. At 50k pages the pairs are ~700k arrays and strings, about half of
 * what decoding a catalog allocates (and the garbage collector then copies); most are never
 * read while the server runs (only the vocabulary of a changed page's targets and the link
 * words a search looks at read them). Labels never read are saved again as they were read.
 */
export function labelsText(page: IndexedPage): string | undefined {
  const text = (page as Unread)[UNREAD];
  if (text !== undefined) return text;
  return page.labels && page.labels.length > 0 ? JSON.stringify(page.labels) : undefined;
}

/** Turns the lazy property into a plain one holding `value`, as on any other page. */
function settle(page: Unread, value: Labels | undefined): void {
  page[UNREAD] = undefined;
  Object.defineProperty(page, 'labels', { value, writable: true, enumerable: true, configurable: true });
}

// One getter and one setter for every page (no closures per page, which with a WeakMap entry
// per page cost ~0.5 s of CPU and garbage collection when decoding 50k pages); pages that share
// them also share their hidden class.
function readLabels(this: Unread): Labels | undefined {
  const value = JSON.parse(this[UNREAD]!) as Labels;
  settle(this, value);
  return value;
}

function writeLabels(this: Unread, value: Labels | undefined): void {
  settle(this, value);
}

const LAZY: PropertyDescriptor = { get: readLabels, set: writeLabels, enumerable: true, configurable: true };

/**
 * Gives a decoded page its labels from their saved text, parsed the first time they are read
 * (the property then holds the array, as on any other page). Writing the property replaces it.
 */
export function attachLabels(page: IndexedPage, text: string): void {
  Object.defineProperty(page, UNREAD, { value: text, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(page, 'labels', LAZY);
}

/** The page's fields but its labels, without reading them (a spread would parse them). */
export function withoutLabels(page: IndexedPage): Omit<IndexedPage, 'labels'> {
  const record: Partial<IndexedPage> = {};
  for (const key of Object.keys(page) as Array<keyof IndexedPage>) {
    if (key !== 'labels') (record as Record<string, unknown>)[key] = page[key];
  }
  return record as Omit<IndexedPage, 'labels'>;
}
