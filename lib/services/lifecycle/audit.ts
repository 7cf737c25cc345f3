import type { Actor } from '../../core/actor.js';

/** How the audit log names who acted. */
export function auditActor(actor: Actor): string {
  return actor.kind === 'user' ? actor.name : actor.kind;
}
