import { z } from 'zod';
import { flag, optionalText, scopeFields, text } from './fields.js';
import { LIMITS } from './limits.js';

/**
 * Requests of the root-only lifecycle routes (`/admin/...`): the CLI sends them, the services
 * check the names themselves (slugs, reserved users), these check shape and size.
 */

/** `POST /admin/purge-project`: nothing is removed without `confirm: true`. */
export const purgeProjectRequest = z.object({ ...scopeFields, confirm: flag.optional() });

/** `POST /admin/rename-project`. */
export const renameProjectRequest = z.object({
  workspace: scopeFields.workspace,
  from: text(LIMITS.projectChars),
  to: text(LIMITS.projectChars),
});

/** `POST /admin/sync`: the remote configured for the wiki unless one is named. */
export const syncRequest = z.object({ remote: optionalText(LIMITS.remoteChars).optional() });

/** `POST /admin/users`. */
export const addUserRequest = z.object({ name: text(LIMITS.userNameChars) });

/** `POST /admin/embed`. */
export const embedRequest = z.object({ force: flag.optional(), dry_run: flag.optional() });
