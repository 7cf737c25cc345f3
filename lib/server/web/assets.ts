import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { APP_CSS } from './assets/app-css.js';
import { APP_JS } from './assets/app-js.js';

const ASSETS: Record<string, { type: string; body: string }> = {
  'app.css': { type: 'text/css; charset=utf-8', body: APP_CSS },
  'app.js': { type: 'text/javascript; charset=utf-8', body: APP_JS },
};

/** Changes whenever an asset does, so pages can let browsers cache assets for a long time. */
export const ASSET_VERSION = createHash('sha256').update(APP_CSS).update(APP_JS).digest('hex').slice(0, 10);

export const serveAsset: RequestHandler = (req, res, next) => {
  const asset = ASSETS[String(req.params.name)];
  if (!asset) return next();
  res.set('content-type', asset.type);
  res.set('cache-control', req.query.v === ASSET_VERSION ? 'private, max-age=31536000, immutable' : 'no-cache');
  res.send(asset.body);
};
