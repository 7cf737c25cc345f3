import type { Server } from 'node:http';

/** How long requests already running get to finish when the server stops. */
export const SHUTDOWN_GRACE_MS = 5_000;

/**
 * Stops taking connections and lets the requests already running finish, so a client whose
 * write is committed also hears so (cutting every connection at once made the CLI report "server
 * not running" for writes that had landed). Idle keep-alive connections close at once; whatever
 * is still open after the grace period is cut.
 */
export function closeHttp(server: Server, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  return new Promise((resolve) => {
    // A connection that finishes its request during the wait turns idle: close those as they appear.
    const sweep = setInterval(() => server.closeIdleConnections(), 25);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
