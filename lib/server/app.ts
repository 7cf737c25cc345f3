import express, { type Express } from 'express';
import type { Logger } from '../core/logger.js';
import type { Services } from '../services/services.js';
import { adminRoutes } from './http/admin.js';
import { apiV1Routes } from './http/api-v1.js';
import { apiCors } from './http/cors.js';
import { errorHandler, notFoundRoute } from './http/errors.js';
import { hookRoutes } from './http/hooks.js';
import { refuseBrowsersOnCapturePaths, refuseCrossSiteWrites } from './http/browser-guard.js';
import { authenticate, hostGuard } from './http/security.js';
import { mcpRoutes } from './mcp/http.js';
import { customUiRoutes } from './web/custom-ui.js';
import { webRoutes } from './web/routes.js';

export interface AppDeps {
  services: Services;
  logger: Logger;
  version: string;
  /** The root token; unset means open access (the server refuses that off loopback). */
  authToken?: string | undefined;
  /** Host header values accepted (DNS-rebinding guard), or null for any. */
  allowedHosts: Set<string> | null;
  /** Serve this static build at /web instead of the built-in UI (`--web-ui-dir`). */
  webUiDir?: string | undefined;
  /** Origins allowed to call /api/v1 from a browser (`AI_MEMORY_CORS_ORIGINS`). */
  corsOrigins?: string[] | undefined;
  /** The key of the start-up rehearsal of `POST /hook` (http/hooks.ts `REHEARSAL_HEADER`). */
  rehearsalKey?: string | undefined;
}

/** JSON bodies above this are refused with 413 before any handler runs. */
export const JSON_LIMIT = '4mb';

/** Builds the HTTP app; listening is the caller's business, so tests can bind port 0. */
export function createApp({ services, logger, version, authToken, allowedHosts, webUiDir, corsOrigins, rehearsalKey }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Host check first, then authentication, then everything else (SPEC section 8).
  app.use(hostGuard(allowedHosts));
  // Capture routes take any content type, so browsers (cross-site simple requests) are kept out,
  // whatever the spelling of the path; the capture routes carry the same guard themselves.
  app.use(refuseBrowsersOnCapturePaths());
  app.use(refuseCrossSiteWrites(corsOrigins ?? []));
  // Preflights carry no credentials, so CORS answers them before authentication.
  app.use(apiCors(corsOrigins ?? []));
  app.use(authenticate({ rootToken: authToken, allowedHosts, users: services.users }));
  // Hook routes read their own bodies (any content type, a smaller limit).
  app.use(hookRoutes(services, rehearsalKey));
  app.use(mcpRoutes(services, logger, version));
  app.use(express.json({ limit: JSON_LIMIT }));

  app.get('/', (_req, res) => res.redirect(302, '/web/'));
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, version });
  });
  app.use('/api/v1', apiV1Routes(services));
  app.use('/admin', adminRoutes(services));
  app.use('/web', webUiDir ? customUiRoutes(webUiDir) : webRoutes(services, logger));

  app.use(notFoundRoute);
  app.use(errorHandler(logger));
  return app;
}
