import type { Request, RequestHandler } from 'express';
import { MemoryError } from '../../core/errors.js';

/**
 * Capture routes read any content type as JSON (hooks do not all label their bodies), so a web
 * page could reach them with a "simple" cross-site request (text/plain POST, no preflight) and
 * plant events, or claim the pending handoff with a GET. Hooks run from the agent's process and
 * send neither `Origin` nor a cross-site `Sec-Fetch-Site`; browsers always send one of them.
 *
 * The guard is mounted twice on purpose. `refuseBrowsers` is the first handler of every capture
 * route, so whatever spelling the router accepts for a route, the guard runs with it.
 * `refuseBrowsersOnCapturePaths` runs app-wide on a normalized path (case, repeated or trailing
 * slashes, dot segments, percent-encoding), so a browser gets the same 403 for `/Hook/`,
 * `//hook` or `/%68ook` as for `/hook`, and never reaches a handler by a spelling nobody
 * thought of.
 */
export const CAPTURE_PATHS: ReadonlySet<string> = new Set(['/hook', '/hook/batch', '/handoff']);

export function fromBrowser(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  return req.headers.origin !== undefined || (site !== undefined && site !== 'none');
}

function refusal(path: string): MemoryError {
  return new MemoryError('FORBIDDEN', `${path} is for agent hooks; requests from a browser page are refused`);
}

export const refuseBrowsers: RequestHandler = (req, _res, next) => {
  next(fromBrowser(req) ? refusal(req.path) : undefined);
};

export function refuseBrowsersOnCapturePaths(): RequestHandler {
  return (req, _res, next) => {
    if (fromBrowser(req) && CAPTURE_PATHS.has(normalizedPath(req.path))) return next(refusal(req.path));
    next();
  };
}

/** The path as a lenient router might read it: decoded, lowercased, `//`, `.`, `..` and a trailing `/` folded. */
export function normalizedPath(path: string): string {
  let decoded = path;
  // Decode until stable, so double encoding (`%2568`) cannot hide a letter either.
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      break;
    }
    if (next === decoded) break;
    decoded = next;
  }
  const segments: string[] = [];
  for (const segment of decoded.toLowerCase().replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The same class of hole on every other route: with no token (the loopback default) a page on
 * any site could POST `/admin/reindex` or `/admin/sync` as a text/plain simple request. A
 * state-changing request (and any `/admin` request) from another site is refused unless its
 * origin is one the operator allowed for the API (`AI_MEMORY_CORS_ORIGINS`); the web UI's own
 * requests are same-origin.
 */
export function refuseCrossSiteWrites(corsOrigins: string[]): RequestHandler {
  const allowed = new Set(corsOrigins.map((o) => o.trim().replace(/\/+$/, '').toLowerCase()));
  return (req, _res, next) => {
    // Admin GETs act too (`/admin/backup` builds an archive and writes the audit log).
    const path = normalizedPath(req.path);
    const admin = path === '/admin' || path.startsWith('/admin/');
    if (SAFE_METHODS.has(req.method) && !admin) return next();
    const origin = req.headers.origin?.replace(/\/+$/, '').toLowerCase();
    const site = req.headers['sec-fetch-site'];
    const api = path === '/api/v1' || path.startsWith('/api/v1/');
    if (origin !== undefined && api && allowed.has(origin)) return next();
    const sameOrigin = origin === undefined ? site === undefined || site === 'same-origin' || site === 'none' : sameHost(origin, req.headers.host);
    if (sameOrigin && (site === undefined || site === 'same-origin' || site === 'none')) return next();
    next(new MemoryError('FORBIDDEN', `${req.method} ${req.path} from another site is refused; list the site in AI_MEMORY_CORS_ORIGINS to call /api/v1 from it`));
  };
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (origin === 'null' || host === undefined) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
