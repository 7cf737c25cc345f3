import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router } from 'express';
import { MemoryError } from '../../core/errors.js';

/**
 * `--web-ui-dir DIR`: a user's own static build served at /web instead of the built-in UI, on
 * the same origin as /api/v1 (so the same authentication applies). Unknown paths get its
 * index.html, so client-side routers work on reload. Its own CSP is its author's business.
 */
export function customUiRoutes(dir: string): Router {
  const { root, index } = checkWebUiDir(dir);
  const router = Router();
  router.use((_req, res, next) => {
    res.set('x-content-type-options', 'nosniff');
    next();
  });
  router.use(express.static(root, { index: 'index.html', dotfiles: 'ignore', fallthrough: true, redirect: true }));
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.set('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

/** Fails fast (before the server opens anything) on a directory that cannot be served. */
export function checkWebUiDir(dir: string): { root: string; index: string } {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new MemoryError('INVALID_INPUT', `--web-ui-dir ${dir} is not a directory`);
  }
  if (!existsSync(index)) throw new MemoryError('INVALID_INPUT', `--web-ui-dir ${dir} has no index.html`);
  return { root, index };
}
