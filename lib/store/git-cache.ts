/**
 * isomorphic-git's `cache` object, dropped after a quiet spell. Shared by every call it saves
 * re-reading the git index per staging, but whatever reads a packed object through
 * isomorphic-git (a sync's merge, a status walk at start) leaves the whole packfile in it (162 MB
 * at 50k pages), and a server runs for weeks: so it lives only while git is in use and is read
 * afresh after `idleMs` without a call. Commits and history never load a pack (git-objects.ts).
 */
export interface IdleCache {
  /** The cache to pass to isomorphic-git; reading it counts as use. */
  readonly current: object;
}

export function idleDroppingCache(idleMs: number): IdleCache {
  let cache: object = {};
  let lastUse = 0;
  let timer: NodeJS.Timeout | null = null;
  const check = () => {
    const idle = Date.now() - lastUse;
    if (idle >= idleMs) {
      cache = {};
      timer = null;
      return;
    }
    timer = setTimeout(check, idleMs - idle);
    timer.unref();
  };
  return {
    get current() {
      lastUse = Date.now();
      if (!timer) {
        timer = setTimeout(check, idleMs);
        timer.unref();
      }
      return cache;
    },
  };
}
