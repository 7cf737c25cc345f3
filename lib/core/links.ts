import { maskCode } from './markdown.js';
import { isSlug, type Scope } from './paths.js';

export type LinkKind = 'wikilink' | 'markdown' | 'supersedes' | 'related';

/** One outgoing link as written, with alias and `#heading` removed. */
export interface LinkRef {
  target: string;
  kind: LinkKind;
  /**
   * The words the link is written with (`[[target|words]]`, `[words](target.md)`) when they
   * say more than the target's own name: how the linking page describes the linked one.
   */
  label?: string;
}

// [[target#heading|alias]] and the embed form ![[...]]:
//   \[\[            opening brackets
//   ([^\[\]|#\n]+)  the target: no brackets, pipe, hash or newline
//   (?:#[^\[\]|\n]*)?  optional heading anchor
//   (?:\|[^\[\]\n]*)?  optional alias
//   \]\]            closing brackets
const WIKILINK = /\[\[([^[\]|#\n]+)(?:#[^[\]|\n]*)?(?:\|([^[\]\n]*))?\]\]/g;
// [text](target "title") and [text](<target with spaces>); images (a leading `!`) excluded below.
const MD_LINK = /(!?)\[((?:[^[\]\n]|\[[^[\]\n]*\])*)\]\(\s*(?:<([^>\n]+)>|([^\s()]+(?:\([^\s()]*\))?[^\s()]*))(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
// [label]: target — reference-style link definitions.
const LINK_DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*(?:<([^>\n]+)>|(\S+))/gm;

/** Extracts links from a page body (outside code) and from frontmatter `supersedes`/`related`. */
export function extractLinks(body: string, frontmatter: Record<string, unknown> = {}, masked?: string): LinkRef[] {
  const text = masked ?? maskCode(body);
  const links: LinkRef[] = [];
  // Cheap substring checks first: each regex scans the whole page, and most pages have no
  // reference definitions and some have no links at all.
  if (text.includes('[[')) {
    for (const match of text.matchAll(WIKILINK)) {
      const target = match[1]!.trim();
      if (target) links.push(withLabel({ target, kind: 'wikilink' }, match[2]));
    }
  }
  if (text.includes('](')) {
    for (const match of text.matchAll(MD_LINK)) {
      if (match[1] === '!') continue;
      const target = markdownTarget(match[3] ?? match[4] ?? '');
      if (target) links.push(withLabel({ target, kind: 'markdown' }, match[2]));
    }
  }
  if (text.includes(']:')) {
    for (const match of text.matchAll(LINK_DEFINITION)) {
      const target = markdownTarget(match[1] ?? match[2] ?? '');
      if (target) links.push({ target, kind: 'markdown' });
    }
  }
  for (const key of ['supersedes', 'related'] as const) {
    for (const target of frontmatterTargets(frontmatter[key])) links.push({ target, kind: key });
  }
  return links;
}

/** Keeps a link's words unless they only repeat the target's path or file name. */
function withLabel(ref: LinkRef, label: string | undefined): LinkRef {
  const words = label?.replace(/[`*_]/g, '').trim();
  if (!words) return ref;
  const plain = (text: string) => text.toLowerCase().replace(/\.md$/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const name = plain(ref.target.split('/').pop() ?? ref.target);
  const said = plain(words);
  if (said === '' || said === name || said === plain(ref.target)) return ref;
  return { ...ref, label: words };
}

/** Keeps only links to other markdown pages: no URLs, no mail, no pure anchors. */
function markdownTarget(raw: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('#') || raw.startsWith('//')) return null;
  const withoutAnchor = raw.split('#')[0]!.split('?')[0]!;
  let decoded = withoutAnchor;
  try {
    decoded = decodeURI(withoutAnchor);
  } catch {
    // keep the raw form when it is not valid percent-encoding
  }
  return decoded.toLowerCase().endsWith('.md') ? decoded : null;
}

function frontmatterTargets(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.replace(/^\[\[|\]\]$/g, '').split('|')[0]!.split('#')[0]!.trim())
    .filter(Boolean);
}

/**
 * Lookup keys. A page is reachable by its path (`p:`) and by its file stem or title (`n:`),
 * each qualified by its project, so `[[0001-db]]`, `[[Standardised on Postgres]]` and
 * `[x](decisions/0001-db.md)` all find `decisions/0001-db.md`.
 */
export function pageLookupKeys(scope: Scope, path: string, title: string): string[] {
  const base = `${scope.workspace}/${scope.project}:`;
  const withoutExt = path.replace(/\.md$/i, '').toLowerCase();
  const stem = withoutExt.split('/').pop()!;
  const keys = new Set([`p:${base}${withoutExt}`, `n:${base}${stem}`, `n:${base}${normalizeName(title)}`]);
  return [...keys];
}

/** The key a link looks up, resolved against the page that contains it. */
export function linkLookupKey(from: Scope, fromPath: string, link: LinkRef): string | null {
  let scope = from;
  let target = link.target.trim();
  const scoped = /^(?:([a-z0-9][a-z0-9._-]*)\/)?([a-z0-9_][a-z0-9._-]*):(.+)$/.exec(target);
  if (scoped && link.kind !== 'markdown' && isSlug(scoped[2]!, 'project') && (!scoped[1] || isSlug(scoped[1], 'workspace'))) {
    scope = { workspace: (scoped[1] ?? from.workspace) as Scope['workspace'], project: scoped[2] as Scope['project'] };
    target = scoped[3]!.trim();
  }
  if (link.kind === 'markdown') {
    const resolved = resolveRelative(`${from.workspace}/${from.project}/${fromPath}`, target);
    if (!resolved) return null;
    const [workspace, project, ...rest] = resolved.split('/');
    if (!workspace || !project || rest.length === 0) return null;
    return `p:${workspace}/${project}:${rest.join('/').replace(/\.md$/i, '').toLowerCase()}`;
  }
  const base = `${scope.workspace}/${scope.project}:`;
  const withoutExt = target.replace(/\.md$/i, '').replace(/^\.\//, '');
  if (withoutExt.includes('/')) return `p:${base}${withoutExt.toLowerCase()}`;
  return `n:${base}${normalizeName(withoutExt)}`;
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Resolves `target` relative to the wiki path of the linking file; null if it leaves the wiki. */
function resolveRelative(fromWikiPath: string, target: string): string | null {
  const parts = target.startsWith('/') ? [] : fromWikiPath.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  return parts.join('/');
}
