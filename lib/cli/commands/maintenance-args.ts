import type { ArgsDef } from 'citty';
import type { MaintenanceArgs } from '../../client/client.js';

export const dryRunArg = {
  'dry-run': { type: 'boolean', description: 'Report what would change; change nothing' },
} as const satisfies ArgsDef;

export const optionalScopeArgs = {
  workspace: { type: 'string', description: 'Workspace of --project (default "default")' },
  project: { type: 'string', alias: 'p', description: 'Only this project (default: every project)' },
} as const satisfies ArgsDef;

/** Maintenance runs over every project unless one is named. */
export function maintenanceArgs(args: { workspace?: string | undefined; project?: string | undefined; 'dry-run'?: boolean | undefined }): MaintenanceArgs {
  const out: MaintenanceArgs = {};
  if (args.project) {
    out.project = args.project;
    out.workspace = args.workspace || 'default';
  }
  if (args['dry-run']) out.dry_run = true;
  return out;
}
