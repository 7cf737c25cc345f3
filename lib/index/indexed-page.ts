import { linkLookupKey, type LinkKind } from '../core/links.js';
import type { HandoffMeta, PageKind, ParsedPage, Tier } from '../core/page.js';
import type { PagePath, Scope } from '../core/paths.js';

// Outgoing links are stored as key strings plus one kind code per link in a second string: at
// 10k pages and ~140k links, objects would double the catalog's memory and load time, and keys
// kept whole (not sliced out of a longer string) keep their cached hash for the graph's maps.
const KIND_CODES: Record<LinkKind, string> = { wikilink: 'w', markdown: 'm', supersedes: 's', related: 'r' };
const CODE_KINDS: Record<string, LinkKind> = { w: 'wikilink', m: 'markdown', s: 'supersedes', r: 'related' };

export function outKind(page: Pick<IndexedPage, 'outKinds'>, i: number): LinkKind {
  return CODE_KINDS[page.outKinds[i]!]!;
}

/** What the index keeps per page: everything parsed but the body, the raw frontmatter and the links as written. */
export interface IndexedPage extends Omit<ParsedPage, 'frontmatter' | 'body' | 'links'> {
  id: number;
  /** Path relative to the wiki root: `<workspace>/<project>/<path>`. */
  rel: string;
  workspace: string;
  project: string;
  /** Outgoing links as lookup keys (see core/links.ts), computed once at parse time. */
  out: string[];
  /** One code per entry of `out`: w(ikilink), m(arkdown), s(upersedes), r(elated). */
  outKinds: string;
  /**
   * The words of the links that have their own (`[[target|words]]`), as [index into `out`,
   * words]: they describe the target page and are searchable as its vocabulary (vocabulary.ts).
   */
  labels?: Array<[number, string]>;
  /** Frontmatter `aliases`: other names of this page, searchable with its vocabulary. */
  aliases?: string[];
  /** Identity of the file this record was parsed from. */
  file: { size: number; mtimeMs: number; ctimeMs: number; hash: string };
}

export function toIndexedPage(
  id: number,
  rel: string,
  scope: Scope,
  parsed: ParsedPage,
  file: IndexedPage['file'],
): IndexedPage {
  const page: IndexedPage = {
    id,
    rel,
    workspace: scope.workspace,
    project: scope.project,
    path: parsed.path,
    title: own(parsed.title),
    kind: parsed.kind,
    tier: parsed.tier,
    pinned: parsed.pinned,
    tags: parsed.tags.map(own),
    supersedes: parsed.supersedes.map(own),
    out: [],
    outKinds: '',
    file,
  };
  for (const ref of parsed.links) {
    const key = linkLookupKey(scope, parsed.path, ref);
    if (!key) continue;
    if (ref.label) (page.labels ??= []).push([page.out.length, own(ref.label)]);
    page.out.push(own(key));
    page.outKinds += KIND_CODES[ref.kind];
  }
  const aliases = stringList(parsed.frontmatter.aliases);
  if (aliases.length > 0) page.aliases = aliases.map(own);
  const optional = ['summary', 'expiresAt', 'created', 'updated', 'sessionId', 'agent', 'frontmatterError'] as const;
  for (const key of optional) {
    const value = parsed[key];
    if (value !== undefined) page[key] = own(value);
  }
  if (parsed.handoff) page.handoff = { ...parsed.handoff, created: own(parsed.handoff.created) };
  if (page.handoff?.cwd) page.handoff.cwd = own(page.handoff.cwd);
  if (page.handoff?.sessionId) page.handoff.sessionId = own(page.handoff.sessionId);
  return page;
}

/**
 * A copy of `text` that holds only its own characters. Strings cut out of a page's file text
 * (a title, a tag, a link's words) are, in V8, views into the whole text from 13 characters
 * on, so one kept title kept the whole file: a full build's records held ~230 MB of file texts
 * at 10k pages instead of ~20 MB, and the garbage collector copied them from young to old space
 * on the way. Concatenating flattens into a new string; the slice is then a view into that.
 */
export function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

export function scopeOf(page: Pick<IndexedPage, 'workspace' | 'project'>): Scope {
  return { workspace: page.workspace, project: page.project } as Scope;
}

function stringList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return list.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}
