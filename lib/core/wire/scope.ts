import { z } from 'zod';
import { result } from './fields.js';

/** How a tool call's project was chosen (architecture.md, "scope resolution"). */
export const RESOLVED_BY = ['explicit', 'global', 'session', 'recent', 'default', 'all_projects'] as const;

/**
 * The `scope` every tool result carries: the project used and how it was chosen. A search over
 * several projects names them in `projects`; one over every project has neither.
 */
export const scopeResult = result({
  resolved_by: z.enum(RESOLVED_BY),
  workspace: z.string().optional(),
  project: z.string().optional(),
  projects: z.array(z.string()).optional(),
  exists: z.boolean().optional(),
});
