import { MemoryError } from './errors.js';
import { LIMITS } from './wire/limits.js';

/**
 * Branded identifiers. Each has exactly one validating constructor in this file, so a value of
 * the type has already passed the traversal and portability checks and the store never repeats
 * them.
 */

/** A workspace or project folder name: lowercase, portable, never `.`/`..`, never hidden. */
export type Slug = string & { readonly __brand: 'Slug' };

/** A page path inside one project: relative, `/`-separated, ends in `.md`, cannot escape. */
export type PagePath = string & { readonly __brand: 'PagePath' };

export interface Scope {
  workspace: Slug;
  project: Slug;
}

export const DEFAULT_WORKSPACE = 'default' as Slug;
export const GLOBAL_PROJECT = '_global' as Slug;
export const SCRATCH_PROJECT = 'scratch' as Slug;
/** The project manifest: frontmatter with id, name, workspace, created. Not a searchable page. */
export const MANIFEST_FILE = '_project.md';
/**
 * `_project.conflict-<tag>.md` beside a manifest: what a sync of an older ai-memory saved when two
 * machines each created the project. It is manifest data, never a page, so it is neither indexed
 * nor writable as one.
 */
const MANIFEST_COPY = /^_project\.conflict-[^/]+\.md$/;

const MAX_SLUG = 64;
/**
 * File systems cap a file name at 255 bytes (ENAMETOOLONG past it); a sync conflict copy adds
 * `.conflict-<machine>-<time>` to a name, so a page's own segments keep that much in reserve.
 */
export const MAX_SEGMENT_BYTES = 200;
// Windows device names are reserved in any case and with any extension; a project named
// `con` would make the wiki uncloneable there.
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
// Characters that cannot appear in a portable file name (Windows, macOS, Linux).
const UNPORTABLE = /[\\:*?"<>|]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const SLUG_SHAPE = /^[a-z0-9_][a-z0-9._-]*$/;

/**
 * Turns a human project or workspace name ("My API", "acme-api", ".config") into its folder
 * slug. Names that try to name a path (`/`, `\`, NUL, control characters, only dots) are
 * refused rather than cleaned, so `../x` never silently becomes `x`.
 */
export function toSlug(name: string, what: 'workspace' | 'project' = 'project'): Slug {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new MemoryError('INVALID_NAME', `${what} name is empty`);
  }
  if (name.includes('/') || name.includes('\\') || CONTROL.test(name) || /^\.+$/.test(name.trim())) {
    throw new MemoryError('INVALID_NAME', `${what} name ${JSON.stringify(name)} looks like a path; use a plain name`, {
      name,
    });
  }
  if (name === GLOBAL_PROJECT && what === 'project') return GLOBAL_PROJECT;
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/[.-]+$/, '');
  if (slug === '') {
    throw new MemoryError('INVALID_NAME', `${what} name ${JSON.stringify(name)} has no usable characters`, { name });
  }
  return checkSlug(slug.length > MAX_SLUG ? shortenedSlug(slug) : slug, what);
}

/**
 * A slug over the limit keeps its head and gains a hash of the whole, so two long names that
 * share their first 64 characters stay two projects (the manifest keeps the full name).
 */
function shortenedSlug(slug: string): string {
  const suffix = fnv1a(slug);
  return `${slug.slice(0, MAX_SLUG - suffix.length - 1).replace(/[.-]+$/, '')}-${suffix}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: pure and stable across machines and versions. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Validates a folder name exactly as found on disk or in a URL; no cleaning. */
export function parseSlug(value: string, what: 'workspace' | 'project' = 'project'): Slug {
  if (what === 'project' && value === GLOBAL_PROJECT) return GLOBAL_PROJECT;
  return checkSlug(value, what);
}

function checkSlug(value: string, what: 'workspace' | 'project'): Slug {
  const reason =
    value.length === 0
      ? 'is empty'
      : value.length > MAX_SLUG
        ? `is longer than ${MAX_SLUG} characters`
        : !SLUG_SHAPE.test(value)
          ? 'may only contain a-z, 0-9, ".", "_" and "-" and must not start with "." or "-"'
          : value.startsWith('_')
            ? 'starts with "_", which is reserved'
            : RESERVED_NAMES.test(value)
              ? 'is a reserved device name'
              : null;
  if (reason) {
    throw new MemoryError('INVALID_NAME', `${what} ${JSON.stringify(value)} ${reason}`, { name: value });
  }
  return value as Slug;
}

export function isSlug(value: string, what: 'workspace' | 'project' = 'project'): value is Slug {
  try {
    parseSlug(value, what);
    return true;
  } catch {
    return false;
  }
}

/**
 * Validates a page path relative to its project. A missing `.md` is appended and a leading
 * `./` dropped (agents often write both); anything that could escape the project or is not
 * portable is refused.
 */
export function parsePagePath(input: string): PagePath {
  const fail = (why: string): never => {
    throw new MemoryError('INVALID_PATH', `page path ${JSON.stringify(input)} ${why}`, { path: String(input) });
  };
  if (typeof input !== 'string' || input.length === 0) return fail('is empty');
  if (input.includes('\u0000')) return fail('contains a NUL byte');
  if (CONTROL.test(input)) return fail('contains control characters');
  if (input.includes('\\')) return fail('contains a backslash; use "/"');
  if (input.startsWith('/') || /^[a-zA-Z]:/.test(input)) return fail('is absolute; give a path inside the project');
  const relative = input.replace(/^(?:\.\/)+/, '');
  if (relative.length === 0) return fail('names no page');
  const path = relative.endsWith('.md') ? relative : `${relative}.md`;
  if (path.length > LIMITS.pathChars) return fail(`is longer than ${LIMITS.pathChars} characters`);
  const segments = path.split('/');
  for (const segment of segments) {
    if (segment === '') return fail('has an empty segment');
    if (utf8Length(segment) > MAX_SEGMENT_BYTES) return fail(`has a segment longer than ${MAX_SEGMENT_BYTES} bytes (file names are limited to 255); shorten it`);
    if (segment === '.' || segment === '..') return fail('escapes its project ("." or "..")');
    if (segment.startsWith('.')) return fail('has a hidden segment (starting with ".")');
    if (UNPORTABLE.test(segment)) return fail('has a character that is not portable (\\ : * ? " < > |)');
    if (segment !== segment.trim()) return fail('has a segment with leading or trailing spaces');
    if (RESERVED_NAMES.test(segment)) return fail('uses a reserved device name');
  }
  if (segments[segments.length - 1] === '.md') return fail('has no file name');
  if (path === MANIFEST_FILE) return fail('is reserved for the project manifest');
  if (MANIFEST_COPY.test(path)) return fail('is reserved for conflict copies of the project manifest; choose another name');
  return path as PagePath;
}

const ENCODER = new TextEncoder();

function utf8Length(text: string): number {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short segments (nearly all) skip the encoding.
  return text.length * 3 <= MAX_SEGMENT_BYTES ? text.length : ENCODER.encode(text).length;
}

export function isPagePath(value: string): value is PagePath {
  try {
    return parsePagePath(value) === value;
  } catch {
    return false;
  }
}

export function scopeKey(scope: Scope): string {
  return `${scope.workspace}/${scope.project}`;
}

/** The page's path relative to the wiki root, `/`-separated. */
export function wikiPath(scope: Scope, path: PagePath | typeof MANIFEST_FILE): string {
  return `${scope.workspace}/${scope.project}/${path}`;
}

export type WikiEntry =
  | { type: 'page'; scope: Scope; path: PagePath }
  | { type: 'manifest'; scope: Scope };

/**
 * Classifies a wiki-relative file path. Returns null for anything that is not a page or a
 * project manifest (files at the wiki root, hidden folders such as `.obsidian`, non-markdown).
 */
export function classifyWikiPath(relative: string): WikiEntry | null {
  const parts = relative.split('/');
  if (parts.length < 3) return null;
  const [workspace, project, ...rest] = parts as [string, string, ...string[]];
  if (!isSlug(workspace, 'workspace') || !isSlug(project, 'project')) return null;
  const scope = { workspace, project } as Scope;
  const inner = rest.join('/');
  if (inner === MANIFEST_FILE) return { type: 'manifest', scope };
  return isPagePath(inner) ? { type: 'page', scope, path: inner } : null;
}
