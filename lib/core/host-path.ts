/**
 * Paths from the agent's machine, compared on the server, which may run another OS. A payload
 * from native Windows carries `C:\Users\Me\src\app` (or `c:\users\me\src\app` from another
 * agent, or a UNC `\\server\share\app`); NTFS ignores case and accepts both separators, so two
 * such spellings name one folder. POSIX paths stay case-sensitive. Stored cwds are never
 * rewritten: only comparisons fold.
 */
const WINDOWS_PATH = /^(?:[A-Za-z]:(?:[\\/]|$)|\\\\[^\\/]+[\\/])/;

export function isWindowsPath(path: string): boolean {
  return WINDOWS_PATH.test(path);
}

/** The form two paths are compared in: `/` separators, no trailing separator, case folded on Windows. */
export function comparablePath(path: string): string {
  if (!isWindowsPath(path)) return path.replace(/\/+$/, '');
  return toSlashes(path).replace(/\/+$/, '').toLowerCase();
}

export function samePath(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return comparablePath(a) === comparablePath(b);
}

/** Whether `path` is `base` or inside it, on segment boundaries (`/repo` holds `/repo/api`, not `/repo-other`). */
export function isWithin(base: string, path: string): boolean {
  const root = comparablePath(base);
  const target = comparablePath(path);
  return root === '' || target === root || target.startsWith(`${root}/`);
}

/** `file` relative to `dir` with `/` separators when it lies inside, else `file` unchanged. */
export function relativeWithin(file: string, dir: string | null): string {
  if (!dir || !isWithin(dir, file)) return file;
  const rootLength = toSlashes(dir).replace(/\/+$/, '').length;
  return toSlashes(file).slice(rootLength).replace(/^\/+/, '') || file;
}

function toSlashes(path: string): string {
  if (!isWindowsPath(path)) return path;
  const slashed = path.replace(/[\\/]+/g, '/');
  return path.startsWith('\\\\') ? `/${slashed}` : slashed;
}
