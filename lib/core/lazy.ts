/**
 * A value loaded on first use and kept: `lazy(() => import('./heavy.js'))` defers a module
 * graph (the MCP SDK, the markdown renderer, git) until the first request that needs it, so the
 * server starts listening without paying for what a session may never use. Concurrent first
 * calls share one load; a load that fails is forgotten, so the next call tries again instead of
 * failing forever.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
