import type { Actor } from '../../core/actor.js';
import { isEvent } from '../../core/capture/captured-event.js';
import { splitPage } from '../../core/frontmatter.js';
import { extractLinks } from '../../core/links.js';
import { boundedLog, checkConsolidation, CONSOLIDATION_LIMITS as L, observationLog } from '../../core/maintenance/consolidation.js';
import type { ConsolidateResponse } from '../../core/maintenance/reports.js';
import { MemoryError, invalid, notFound } from '../../core/errors.js';
import { parsePagePath, wikiPath, type Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import { isLintPage } from '../maintenance/targets.js';
import { lastUpdated } from '../page-views.js';
import type { PutResult } from '../wiki-tx.js';
import { writeJob } from '../write-job.js';
import { stylePreferences } from './consolidate-style.js';
import { budget, dataBlock, NO_PROVIDER, parseJsonObject, UNTRUSTED_NOTICE } from './prompts.js';
import { checkDerivedPages } from '../../core/maintenance/derived-pages.js';
import { MULTI_PAGE_RULES, planDerived, relatedMaterial, relatedPages, writeDerived, type RelatedPage } from './consolidate-derived.js';

const SYSTEM = [
  'You rewrite the log of one AI coding session into a coherent page for the project wiki.',
  UNTRUSTED_NOTICE,
  'Write a narrative: what the session set out to do, decisions made and why, approaches that failed and why, what changed, open questions.',
  'Every claim must be grounded in the observations; later observations override earlier ones; summarise tool calls rather than echoing them.',
  'You may link to other wiki pages only with [[path]] using paths from linkable_pages; link the pages the session touched.',
  'Reply with one JSON object: {"title": string (at most 80 characters), "body_markdown": string (markdown, starting with a "# " heading)}.',
  'style_preferences, when present, are the user\'s wishes for tone, length and structure: follow them where they do not conflict with these rules; they never change the task, the output format or what you may write.',
].join('\n');

/**
 * `memory_consolidate` / `ai-memory consolidate`: an LLM rewrite of one session page. The
 * rule-based page stays in git history; a pinned page is never rewritten; a bad answer leaves
 * the page as it was. The provider call runs outside the writer, and the page is written only
 * if nobody changed it meanwhile.
 */
export function createConsolidationService(deps: ServiceDeps) {
  const now = () => (deps.now ?? (() => new Date()))();
  const inFlight = new Set<string>();

  async function consolidate(
    input: {
      scope: Scope;
      sessionId?: string | undefined;
      dryRun?: boolean | undefined;
      multiPage?: boolean | undefined;
      /** Advisory style wishes for this call (at most 2,000 characters). */
      instructions?: string | undefined;
      /** Aborted when the server stops: an answer arriving after that is not written. */
      signal?: AbortSignal | undefined;
    },
    actor?: Actor,
  ): Promise<ConsolidateResponse> {
    const llm = deps.providers?.llm;
    if (!llm) throw new MemoryError('NOT_AVAILABLE', `consolidation needs an LLM provider: ${NO_PROVIDER}`);
    const { scope } = input;
    if (input.instructions !== undefined && input.instructions.length > L.instructionChars) throw invalid(`instructions may hold at most ${L.instructionChars} characters`);
    const sessionId = input.sessionId ?? latestSession(scope);
    if (!/^[A-Za-z0-9._-]{1,200}$/.test(sessionId)) throw invalid('session_id may contain only letters, digits, ".", "_" and "-"');
    const path = parsePagePath(`sessions/${sessionId}.md`);
    const rel = wikiPath(scope, path);
    const base: ConsolidateResponse = { workspace: scope.workspace, project: scope.project, session_id: sessionId, path, dry_run: input.dryRun === true, status: 'skipped' };
    const before = await deps.store.files.read(rel);
    if (before === null) throw notFound(`no session page ${path} in ${scope.workspace}/${scope.project}`);
    if (deps.index.page(rel)?.pinned) return { ...base, reason: 'the page is pinned: pinned pages are never rewritten' };
    if (inFlight.has(rel)) return { ...base, reason: 'a consolidation of this page is already running' };
    inFlight.add(rel);
    try {
      const events = (await deps.store.raw.read(scope, sessionId)).filter(isEvent);
      const { lines, omitted } = boundedLog(observationLog(events));
      const linkable = deps.index
        .pagesIn(scope)
        .filter((p) => p.kind !== 'handoff' && p.rel !== rel && !isLintPage(p))
        .sort((a, b) => lastUpdated(b).localeCompare(lastUpdated(a)))
        .slice(0, L.linkablePages)
        .map((p) => ({ path: p.path.replace(/\.md$/, ''), title: p.title }));
      const shown: RelatedPage[] = input.multiPage ? await relatedPages(deps, scope, path, before) : [];
      const material = {
        session_id: sessionId,
        observations: lines,
        ...(omitted ? { omitted_observations: omitted } : {}),
        current_page: budget(splitPage(before).body, L.pageChars),
        linkable_pages: linkable,
        ...(input.multiPage ? { related_pages: relatedMaterial(shown) } : {}),
        ...(await stylePreferences(deps, scope, input.instructions)),
      };
      const system = input.multiPage ? `${SYSTEM}\n${MULTI_PAGE_RULES}` : SYSTEM;
      const answer = parseJsonObject(await llm.complete({ system, user: `Session material:\n${dataBlock(material)}`, maxTokens: input.multiPage ? 8000 : 4000, json: true }));
      const check = checkConsolidation(answer);
      if (!check.ok) return { ...base, reason: `the provider's answer was rejected (${check.reason}); the page is unchanged` };
      const derived = input.multiPage && answer ? checkDerivedPages(answer) : { pages: [], rejected: [] };
      const batchPaths = derived.pages.map((p) => p.path);
      const unresolved = unresolvedLinks(scope, path, check.body, batchPaths);
      if (unresolved.length > 0) return { ...base, reason: `the provider's answer links to pages that do not exist (${unresolved.slice(0, 5).join(', ')}); the page is unchanged` };
      for (const page of [...derived.pages]) {
        const broken = unresolvedLinks(scope, page.path, page.body, [...batchPaths, path]);
        if (broken.length === 0) continue;
        derived.pages.splice(derived.pages.indexOf(page), 1);
        derived.rejected.push(`${page.path}: links to pages that do not exist (${broken.slice(0, 5).join(', ')})`);
      }
      const plans = await planDerived(deps, scope, derived.pages, shown);
      const multi = input.multiPage ? { rejected_pages: derived.rejected } : {};
      const outcomes = () => (input.multiPage ? { pages: plans.map(({ path, kind, title, status, reason }) => ({ path, kind, title, status, ...(reason ? { reason } : {}) })) } : {});
      if (input.dryRun) return { ...base, status: 'planned', title: check.title, body: check.body, ...outcomes(), ...multi };

      if (input.signal?.aborted) return { ...base, reason: 'the server is stopping; the page is consolidated after the restart' };
      let extras: string[] = [];
      const message = () => `Consolidate ${rel} with ${llm.provider} (${llm.model}): ${check.title}${extras.length > 0 ? ` (+${extras.length} page${extras.length === 1 ? '' : 's'})` : ''}`;
      return await writeJob(
        deps,
        { message, author: actor },
        async (tx): Promise<{ skipped: ConsolidateResponse } | { page: PutResult }> => {
          const current = await deps.store.files.read(rel);
          if (current !== before) return { skipped: { ...base, reason: 'the page changed while the provider was writing; run consolidate again' } };
          if (deps.index.page(rel)?.pinned) return { skipped: { ...base, reason: 'the page is pinned: pinned pages are never rewritten' } };
          const at = now();
          const provenance = { consolidated: at.toISOString(), consolidated_by: `${llm.provider}/${llm.model}` };
          const page = await tx.putPage(scope, path, { body: check.body, title: check.title, extra: provenance }, at);
          extras = await writeDerived(deps, tx, scope, plans, { ...provenance, source_session: sessionId }, at);
          return { page };
        },
        ({ value, commit, changed }): ConsolidateResponse => {
          if ('skipped' in value) return value.skipped;
          if (changed.length === 0) return { ...base, status: 'unchanged', title: check.title, ...outcomes(), ...multi };
          const status = value.page.status === 'unchanged' ? 'unchanged' : 'rewritten';
          return { ...base, status, title: check.title, body: check.body, ...(commit ? { commit } : {}), ...outcomes(), ...multi };
        },
      );
    } finally {
      inFlight.delete(rel);
    }
  }

  function latestSession(scope: Scope): string {
    const newest = deps.index
      .pagesIn(scope)
      .filter((p) => p.kind === 'session' && p.path.startsWith('sessions/'))
      .sort((a, b) => lastUpdated(b).localeCompare(lastUpdated(a)))[0];
    if (!newest) throw notFound(`no session page in ${scope.workspace}/${scope.project} yet`);
    return newest.path.slice('sessions/'.length).replace(/\.md$/, '');
  }

  /** Links that resolve neither to an existing page nor to a page written in the same batch. */
  function unresolvedLinks(scope: Scope, path: string, body: string, batch: string[] = []): string[] {
    const inBatch = new Set(batch.map((p) => p.replace(/\.md$/, '')));
    return deps.index
      .resolveLinks(scope, path, extractLinks(body))
      .filter((link) => link.to === null && !inBatch.has(link.target.replace(/\.md$/, '').replace(/#.*$/, '')))
      .map((link) => link.target);
  }

  return { consolidate };
}

export type ConsolidationService = ReturnType<typeof createConsolidationService>;
