import type { HttpClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/node';

/**
 * How long a git host may stay silent before a sync gives up on it. Node 20's global agents
 * time a socket out after 5 s without a byte, so a host still counting objects for a large pack,
 * or merely loaded, failed the sync with "Request timed out" (and a push that timed out read as
 * refused). Two minutes of silence is a dead link, not a slow one.
 */
export const GIT_IDLE_TIMEOUT_MS = 120_000;

/** isomorphic-git's node HTTP client with that timeout on every request (redirects included). */
export const gitHttp: HttpClient = {
  request: (request) => http.request({ ...request, fetchOptions: { ...(request.fetchOptions as object | undefined), timeout: GIT_IDLE_TIMEOUT_MS } }),
};

/** Says what a socket timeout means, instead of the bare "Request timed out". */
export function explainHttpError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /request timed out/i.test(message) ? `the remote sent nothing for ${GIT_IDLE_TIMEOUT_MS / 1000} s (${message})` : message;
}
