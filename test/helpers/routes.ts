import type { Express } from 'express';

/** One route the app registered: its method and its path pattern from the mount down. */
export interface RegisteredRoute {
  method: string;
  pattern: string;
}

interface LayerLike {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

/**
 * Every route of an Express 5 app, read from its router stacks (including nested routers), so a
 * test covers routes added later without anyone updating a table.
 */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat() as string[]) {
          // `router.all` registers `_all`: tried as DELETE, a method nothing else registers.
          for (const method of Object.keys(layer.route.methods)) out.push({ method: method === '_all' ? 'DELETE' : method.toUpperCase(), pattern: join(prefix, path) });
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '/';
        walk(layer.handle.stack, join(prefix, mount));
      }
    }
  };
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  walk(router.stack, '');
  return out;
}

function join(prefix: string, path: string): string {
  if (path === '/' || path === '') return prefix || '/';
  return `${prefix.replace(/\/$/, '')}${path}`;
}

const SAMPLE_PARAMS: Record<string, string> = { ws: 'default', workspace: 'default', project: 'demo', name: 'eve', action: 'expire', path: 'a.md' };

/** A concrete path for a pattern: `:ws` -> `default`, `*path` -> `a.md`, `{/*rest}` dropped. */
export function samplePath(pattern: string): string {
  return pattern
    .replace(/\{[^}]*\}/g, '')
    .replace(/[:*]([A-Za-z_]\w*)/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? 'x');
}
