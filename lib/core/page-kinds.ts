/**
 * The kinds of page. Its own module so that CLI commands validating `--kind` do not load page
 * parsing (the YAML parser) to read a list of names.
 */
export const PAGE_KINDS = [
  'session',
  'handoff',
  'decision',
  'rule',
  'note',
  'gotcha',
  'concept',
  'procedure',
  'fact',
] as const;
export type PageKind = (typeof PAGE_KINDS)[number];
