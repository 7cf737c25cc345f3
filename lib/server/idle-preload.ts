import type { Server } from 'node:http';
import type { Logger } from '../core/logger.js';
import { preloadMcp } from './mcp/http.js';
import { preloadMarkdown } from './web/markdown-renderer.js';

/** A quiet spell this long means no one is waiting on the server right now. */
const IDLE_MS = 1_000;

/**
 * The MCP SDK and the markdown renderer load on first use, so they never delay listening. Once
 * the server has had no request for a second, they load anyway: an agent's first tool call or a
 * first page view then does not wait for them, and the load (about half a second of CPU) never
 * lands among requests that are being answered (a request that comes first loads what it needs).
 * `alsoWhenIdle` is the caller's other such work (main.ts: committing offline edits, the history
 * index's catch-up, compiling the date parser).
 */
export function preloadWhenIdle(server: Server, logger: Logger, stopped: () => boolean, alsoWhenIdle?: () => void): void {
  let lastRequest = Date.now();
  const onRequest = () => {
    lastRequest = Date.now();
  };
  server.on('request', onRequest);
  const timer = setInterval(() => {
    if (!stopped() && Date.now() - lastRequest < IDLE_MS) return;
    clearInterval(timer);
    server.off('request', onRequest);
    if (stopped()) return;
    alsoWhenIdle?.();
    Promise.all([preloadMcp(), preloadMarkdown()]).catch((error: unknown) => logger.warn(`preloading the MCP and web modules: ${(error as Error).message}`));
  }, IDLE_MS / 4);
  timer.unref();
}
