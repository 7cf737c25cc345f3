import { splitPage } from '../../core/frontmatter.js';
import { CONSOLIDATION_LIMITS } from '../../core/maintenance/consolidation.js';
import { wikiPath, type PagePath, type Scope } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';

/** A project's standing style wishes for consolidation, editable like any page. */
export const STYLE_PAGE = '_prompts/consolidation.md' as PagePath;

/**
 * The project's `_prompts/consolidation.md` and the call's own `instructions`, both capped. They
 * travel inside the untrusted data block: advice on tone and structure, never instructions that
 * could widen what consolidation writes.
 */
export async function stylePreferences(deps: ServiceDeps, scope: Scope, instructions: string | undefined): Promise<{ style_preferences?: { project?: string; this_call?: string } }> {
  const page = await deps.store.files.read(wikiPath(scope, STYLE_PAGE));
  const project = page === null ? '' : splitPage(page).body.trim().slice(0, CONSOLIDATION_LIMITS.instructionChars);
  const thisCall = (instructions ?? '').trim();
  if (project === '' && thisCall === '') return {};
  return { style_preferences: { ...(project ? { project } : {}), ...(thisCall ? { this_call: thisCall } : {}) } };
}
