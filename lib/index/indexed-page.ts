import { linkLookupKey, type LinkKind } from '../core/links.js';
import type { PageKind, ParsedPage, Tier } from '../core/page.js';
import type { PagePath, Scope } from '../core/paths.js';

export interface OutLink {
  key: string;
  kind: LinkKind;
}

/** What the index keeps per page: everything but the body and the raw frontmatter. */
export interface IndexedPage {
  id: number;
  /** Path relative to the wiki root: `<workspace>/<project>/<path>`. */
  rel: string;
  workspace: string;
  project: string;
  path: PagePath;
  title: string;
  kind: PageKind;
  tier: Tier;
  pinned: boolean;
  tags: string[];
  summary?: string;
  expiresAt?: string;
  created?: string;
  updated?: string;
  sessionId?: string;
  agent?: string;
  supersedes: string[];
  /** Outgoing links as lookup keys (see core/links.ts), computed once at parse time. */
  out: OutLink[];
  frontmatterError?: string;
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
    title: parsed.title,
    kind: parsed.kind,
    tier: parsed.tier,
    pinned: parsed.pinned,
    tags: parsed.tags,
    supersedes: parsed.supersedes,
    out: parsed.links.flatMap((ref) => {
      const key = linkLookupKey(scope, parsed.path, ref);
      return key ? [{ key, kind: ref.kind }] : [];
    }),
    file,
  };
  const optional = ['summary', 'expiresAt', 'created', 'updated', 'sessionId', 'agent', 'frontmatterError'] as const;
  for (const key of optional) {
    const value = parsed[key];
    if (value !== undefined) page[key] = value;
  }
  return page;
}

export function scopeOf(page: Pick<IndexedPage, 'workspace' | 'project'>): Scope {
  return { workspace: page.workspace, project: page.project } as Scope;
}
