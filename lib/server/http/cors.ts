import type { RequestHandler } from 'express';

/**
 * CORS for /api/v1 only (AI_MEMORY_CORS_ORIGINS): a custom frontend served from another origin
 * may read the JSON API with a bearer token. It runs before authentication, because a browser's
 * preflight carries no credentials; the real request is then authenticated as usual. Origins
 * not listed get no CORS headers, so the browser keeps its same-origin rule.
 */
export function apiCors(origins: string[]): RequestHandler {
  const allowed = new Set(origins.map(normalizeOrigin));
  return (req, res, next) => {
    if (allowed.size === 0 || !(req.path === '/api/v1' || req.path.startsWith('/api/v1/'))) return next();
    const origin = req.headers.origin;
    if (!origin || !allowed.has(normalizeOrigin(origin))) return next();
    res.vary('Origin');
    res.set('access-control-allow-origin', origin);
    res.set('access-control-expose-headers', 'retry-after, www-authenticate');
    if (req.method === 'OPTIONS') {
      res.set('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.set('access-control-allow-headers', 'authorization, content-type');
      res.set('access-control-max-age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}
