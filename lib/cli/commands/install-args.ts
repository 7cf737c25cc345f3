import type { ArgsDef } from 'citty';
import { MemoryError } from '../../core/errors.js';
import type { Place, Scope } from '../../client/installers/locations.js';
import type { CliContext } from '../context.js';

/** Flags and context shared by install-hooks, install-mcp, install-instructions and uninstall. */
export const installArgs = {
  apply: { type: 'boolean', description: 'Write the changes (default: print them and write nothing)' },
  scope: { type: 'string', description: 'user (default: your home config) or project (the current folder)' },
  config: { type: 'string', description: 'Edit this file instead of the default location' },
  json: { type: 'boolean', description: 'Print machine-readable JSON' },
} as const satisfies ArgsDef;

export function scopeOf(value: string | undefined): Scope {
  if (value === undefined || value === 'user') return 'user';
  if (value === 'project') return 'project';
  throw new MemoryError('INVALID_INPUT', `--scope must be "user" or "project", not "${value}".`);
}

export function placeOf(ctx: CliContext): Place {
  return { homeDir: ctx.homeDir, projectDir: ctx.cwd, env: ctx.env, platform: process.platform };
}

/** Server URL and token for what gets installed: flags, then the installer's environment. */
export function targetOf(ctx: CliContext, args: { 'server-url'?: string | undefined; 'auth-token'?: string | undefined }) {
  const nonEmpty = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);
  return {
    serverUrl: nonEmpty(args['server-url']) ?? nonEmpty(ctx.env.AI_MEMORY_SERVER_URL),
    authToken: nonEmpty(args['auth-token']) ?? nonEmpty(ctx.env.AI_MEMORY_AUTH_TOKEN),
  };
}

/** A token written under the project folder could be committed by accident: say so. */
export function tokenNotes(path: string, projectDir: string, token: string | undefined): string[] {
  if (!token || !path.startsWith(`${projectDir}/`)) return [];
  return [`${path} now holds your auth token and is inside the project: keep it out of version control (e.g. add it to .gitignore).`];
}
