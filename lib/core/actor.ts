/**
 * Who is making a request. With no token configured (a loopback-only laptop) everyone is
 * `open`; the root token is `root`; a per-user token is that `user`. Pages are shared either
 * way: the actor is attribution (git author, `last_modified_by`), never a read filter.
 */
export type Actor = { kind: 'open' } | { kind: 'root' } | { kind: 'user'; name: string };

export const OPEN: Actor = { kind: 'open' };

export function actorName(actor: Actor | undefined): string | undefined {
  return actor?.kind === 'user' ? actor.name : undefined;
}

/** The git author for a change made by this actor. */
export function gitAuthor(actor: Actor | undefined): { name: string; email: string } | undefined {
  return actor?.kind === 'user' ? { name: actor.name, email: `${actor.name}@ai-memory` } : undefined;
}
