import { toSlug } from './paths.js';

/**
 * The working directory an open handoff names, after its project folder was renamed on disk.
 * A project is named after a directory (SPEC section 4), so the last path segment whose slug is
 * the old project name is that directory; it takes the new name. Other paths are kept as-is.
 */
export function renamedCwd(cwd: string, oldProject: string, newName: string): string {
  const parts = cwd.split(/([\\/]+)/);
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const part = parts[i]!;
    if (part === '' || /^[\\/]+$/.test(part)) continue;
    if (slugOrNull(part) === oldProject) {
      parts[i] = newName;
      return parts.join('');
    }
  }
  return cwd;
}

function slugOrNull(name: string): string | null {
  try {
    return toSlug(name, 'project');
  } catch {
    return null;
  }
}
