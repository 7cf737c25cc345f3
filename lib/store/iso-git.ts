import { lazy } from '../core/lazy.js';

export type IsoGit = typeof import('isomorphic-git').default;

/**
 * isomorphic-git, loaded with the first git operation. Nothing before the server listens needs
 * it (HEAD is read from .git directly, the index checked by its trailer), and it is one of the
 * largest modules the server would otherwise compile before it may listen.
 */
export const isoGit: () => Promise<IsoGit> = lazy(async () => (await import('isomorphic-git')).default);
