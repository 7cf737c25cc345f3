import type { Actor } from '../core/actor.js';

/**
 * `last_modified_by`: the user (multi-user mode) who last changed the page. A root or
 * open-mode write removes it, so it never names someone who did not make the latest change;
 * git's author records every change either way.
 */
export function attribution(actor: Actor | undefined): Record<string, unknown> {
  return { last_modified_by: actor?.kind === 'user' ? actor.name : undefined };
}
