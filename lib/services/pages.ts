import { OPEN, type Actor } from '../core/actor.js';
import type { PageResponse, PageSummary, WritePageRequest, WritePageResponse } from '../core/contract.js';
import { invalid, notFound } from '../core/errors.js';
import { normalizeInstant, parsePage } from '../core/page.js';
import type { composePageWrite } from '../core/page-write.js';
import { writePageRequest } from '../core/wire/pages.js';
import { parseWire } from '../core/wire/parse.js';
import { parsePagePath, scopeKey, wikiPath, type PagePath, type Scope } from '../core/paths.js';
import { SCOPE_RULES } from '../core/scope-rules.js';
import { backlinkViews, lastUpdated, linkViews, toSummary } from './page-views.js';
import { requireExistingProject, requireScope, type ScopeInput } from './scope.js';
import type { ServiceDeps } from './deps.js';
import { attribution } from './wiki-writes.js';
import type { PutResult } from './wiki-tx.js';
import { writeJob } from './write-job.js';

export interface ReadOptions {
  rev?: string | undefined;
  asOf?: string | undefined;
}

export function createPageService(deps: ServiceDeps) {
  const { store, index } = deps;
  const now = () => (deps.now ?? (() => new Date()))();

  async function writePage(request: WritePageRequest, actor: Actor = OPEN): Promise<WritePageResponse> {
    const scope = requireScope(request, SCOPE_RULES.admin);
    const path = parsePagePath(request.path);
    const write = validateWrite(request);
    write.extra = attribution(actor);
    const rel = wikiPath(scope, path);
    // The message names the page's title as the index reads it, so it is built after indexing.
    let put: PutResult | undefined;
    const shown = (page: PutResult) => index.page(rel) ?? parsePage(page.text, path);
    const message = () => `${put!.status === 'created' ? 'Create' : 'Update'} ${rel}: ${shown(put!).title}`;
    return writeJob(
      deps,
      { message, author: actor },
      async (tx) => {
        await tx.ensureManifest(scope, request.project!.trim(), now());
        put = await tx.putPage(scope, path, write, now());
        return put;
      },
      ({ value: page, commit }) => {
        const { title, kind } = shown(page);
        const response: WritePageResponse = { workspace: scope.workspace, project: scope.project, path, title, kind, status: page.status };
        if (commit) response.commit = commit;
        // A supersedes entry that names no page hides nothing: say so, the path is probably wrong.
        const dangling = index.links(rel).filter((link) => link.kind === 'supersedes' && link.to === null);
        if (dangling.length > 0) response.warnings = dangling.map((link) => `supersedes names ${link.target}, which is not a page in ${scopeKey(scope)}: nothing is marked superseded by it`);
        return response;
      },
    );
  }

  async function deletePage(input: ScopeInput & { path: string }, actor: Actor = OPEN): Promise<{ deleted: boolean; commit?: string }> {
    const scope = requireExistingProject(index, requireScope(input));
    const rel = wikiPath(scope, parsePagePath(input.path));
    // The title is read before the page goes: the message still names it.
    let title: string | undefined;
    return writeJob(
      deps,
      { message: () => `Delete ${rel}${title ? `: ${title}` : ''}`, author: actor },
      async (tx) => {
        title = index.page(rel)?.title;
        return tx.remove(rel);
      },
      ({ value: deleted, commit }) => (!deleted ? { deleted: false } : commit ? { deleted: true, commit } : { deleted: true }),
    );
  }

  async function readPage(input: ScopeInput & { path: string }, options: ReadOptions = {}): Promise<PageResponse> {
    const scope = requireExistingProject(index, requireScope(input));
    const path = parsePagePath(input.path);
    const rel = wikiPath(scope, path);
    const rev = await revisionFor(rel, options);
    const text = rev ? await store.git.readAt(rev, rel) : await store.files.read(rel);
    if (text === null) {
      throw notFound(rev ? `${rel} did not exist at ${rev.slice(0, 7)}` : `no page ${path} in ${scopeKey(scope)}`, { path });
    }
    return pageResponse(scope, path, text, rev);
  }

  async function revisionFor(rel: string, options: ReadOptions): Promise<string | undefined> {
    if (options.rev && options.asOf) throw invalid('pass rev or as_of, not both');
    if (options.rev) return store.git.resolveRev(options.rev);
    if (!options.asOf) return undefined;
    const instant = normalizeInstant(options.asOf, 'end-of-day');
    if (!instant) throw invalid(`as_of ${JSON.stringify(options.asOf)} is not a date or RFC 3339 instant`);
    await index.history.update();
    const commit = index.history.commitAt(rel, Date.parse(instant));
    if (!commit) throw notFound(`${rel} did not exist at ${instant}`);
    return commit;
  }

  function pageResponse(scope: Scope, path: PagePath, text: string, rev: string | undefined): PageResponse {
    const rel = wikiPath(scope, path);
    const parsed = parsePage(text, path);
    const current = index.page(rel);
    const stand = current ?? { rel, workspace: scope.workspace, project: scope.project };
    // Links come from the text being shown (an old version has its own); targets resolve now.
    const links = index.resolveLinks(scope, path, parsed.links);
    const response: PageResponse = {
      workspace: scope.workspace,
      project: scope.project,
      path,
      title: parsed.title,
      kind: parsed.kind,
      tier: parsed.tier,
      pinned: parsed.pinned,
      tags: parsed.tags,
      frontmatter: parsed.frontmatter,
      body: parsed.body,
      links: linkViews(index, stand, links, ['wikilink', 'markdown', 'related']),
      backlinks: current ? backlinkViews(index, current, ['wikilink', 'markdown', 'related']) : [],
      supersedes: linkViews(index, stand, links, ['supersedes']),
      superseded_by: current ? backlinkViews(index, current, ['supersedes']) : [],
    };
    const updated = parsed.updated ?? (current && !rev ? lastUpdated(current) : undefined);
    if (updated) response.updated = updated;
    if (parsed.created) response.created = parsed.created;
    if (parsed.summary) response.summary = parsed.summary;
    if (parsed.expiresAt) response.expires_at = parsed.expiresAt;
    if (parsed.frontmatterError) response.frontmatter_error = parsed.frontmatterError;
    if (rev) response.rev = rev;
    else if (current) response.indexed_hash = current.file.hash;
    return response;
  }

  // The web UI lists the project on every page view (its folder tree): the sorted listing is
  // kept per project until the catalog says one of its pages changed.
  const listings = new Map<string, { version: number; pages: readonly PageSummary[] }>();

  /** The project's pages sorted by path. Shared between callers: copy before changing it. */
  function listPages(input: ScopeInput): readonly PageSummary[] {
    const scope = requireExistingProject(index, requireScope(input));
    const version = index.scopeVersion(scope);
    const kept = listings.get(scopeKey(scope));
    if (kept?.version === version) return kept.pages;
    const pages = Object.freeze(index.pagesIn(scope).map((page) => Object.freeze(toSummary(page))).sort((a, b) => a.path.localeCompare(b.path)));
    listings.set(scopeKey(scope), { version, pages });
    return pages;
  }

  function recent(input: ScopeInput, limit = 10): PageSummary[] {
    const scope = requireExistingProject(index, requireScope(input));
    return index
      .pagesIn(scope)
      .sort((a, b) => lastUpdated(b).localeCompare(lastUpdated(a)))
      .slice(0, limit)
      .map(toSummary);
  }

  return { writePage, deletePage, readPage, listPages, recent };
}

/**
 * The write as the page service applies it, from a request checked with the one schema of a
 * page write (core/wire/pages.ts), whether it came over HTTP, MCP or from another service.
 */
function validateWrite(body: WritePageRequest) {
  const request = parseWire(writePageRequest, body);
  const write: Parameters<typeof composePageWrite>[1] = { body: request.body };
  if (request.title !== undefined) write.title = request.title.trim();
  if (request.kind !== undefined) write.kind = request.kind;
  if (request.tags !== undefined) write.tags = request.tags;
  if (request.aliases !== undefined) write.aliases = request.aliases;
  if (request.tier !== undefined) write.tier = request.tier;
  if (request.pinned !== undefined) write.pinned = request.pinned;
  if (request.expires_at !== undefined) write.expiresAt = request.expires_at;
  if (request.supersedes !== undefined) write.supersedes = request.supersedes;
  if (request.summary !== undefined) write.summary = request.summary;
  return write;
}
