import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { OPEN, type Actor } from '../../core/actor.js';
import { MemoryError } from '../../core/errors.js';
import { safeEqual, type UserService } from '../../services/users.js';

/**
 * The HTTP security boundary (SPEC section 8). Order matters: the Host check runs before
 * authentication, so a DNS-rebinding page learns nothing, not even whether a token is needed.
 */
export interface SecurityOptions {
  /** The root token; unset means open access, allowed only on a loopback bind. */
  rootToken?: string | undefined;
  /** Host header values accepted, or null to accept any (a non-loopback bind with a token). */
  allowedHosts: Set<string> | null;
  users: UserService;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const UNAUTHENTICATED = new Set(['/healthz', '/favicon.ico']);

/** Hosts a browser may name: loopback names, the bind address, and configured extras. */
export function allowedHostSet(bindHost: string, extra: string[]): Set<string> | null {
  const wildcard = bindHost === '0.0.0.0' || bindHost === '::';
  if (wildcard && extra.length === 0) return null;
  const names = [...LOOPBACK_NAMES, ...extra.map((h) => h.toLowerCase())];
  if (!wildcard) names.push(bindHost.toLowerCase());
  return new Set(names);
}

export function hostGuard(allowed: Set<string> | null): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.host;
    if (!header) return next(new MemoryError('INVALID_INPUT', 'the request has no Host header'));
    if (allowed === null) return next();
    // "[::1]:49374" -> "::1", "localhost:49374" -> "localhost"
    const host = header.startsWith('[') ? header.slice(1, header.indexOf(']')) : header.split(':')[0]!;
    if (!allowed.has(host.toLowerCase())) {
      return next(new MemoryError('FORBIDDEN', `Host ${JSON.stringify(header)} is not allowed; add it to AI_MEMORY_ALLOWED_HOSTS`));
    }
    next();
  };
}

/** Sets `res.locals.actor`; answers 401 for a missing or wrong token when one is configured. */
export function authenticate(options: SecurityOptions): RequestHandler {
  const rootDigest = options.rootToken ? digest(options.rootToken) : null;
  return async (req, res, next) => {
    if (!rootDigest) {
      res.locals.actor = OPEN;
      return next();
    }
    if (UNAUTHENTICATED.has(req.path)) return next();
    const web = req.path === '/web' || req.path.startsWith('/web/');
    const token = presentedToken(req.headers.authorization, web);
    let actor: Actor | null = null;
    if (token !== null) {
      if (safeEqual(digest(token), rootDigest)) actor = { kind: 'root' };
      else actor = await options.users.authenticate(token);
    }
    if (!actor) {
      // Browsers prompt for Basic credentials on /web; API clients are told to send a bearer.
      res.set('www-authenticate', web ? 'Basic realm="ai-memory", charset="UTF-8"' : 'Bearer realm="ai-memory"');
      const reason = token === null ? 'authentication required: send Authorization: Bearer <token> (AI_MEMORY_AUTH_TOKEN)' : 'the token is not valid';
      return next(new MemoryError('UNAUTHORIZED', reason));
    }
    res.locals.actor = actor;
    next();
  };
}

/** Lifecycle and user management: the root token only, once users exist. */
export function rootOnly(users: UserService): RequestHandler {
  return async (_req, res, next) => {
    const actor = actorOf(res);
    if (actor.kind === 'user' && (await users.hasUsers())) {
      return next(new MemoryError('FORBIDDEN', 'this needs the root token (AI_MEMORY_AUTH_TOKEN), not a user token'));
    }
    next();
  };
}

export function actorOf(res: Response): Actor {
  return (res.locals.actor as Actor | undefined) ?? OPEN;
}

function presentedToken(header: string | undefined, allowBasic: boolean): string | null {
  if (!header) return null;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (basic && allowBasic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? null : decoded.slice(colon + 1);
  }
  return null;
}

/** Comparing digests keeps the comparison constant-time whatever the tokens' lengths. */
function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
