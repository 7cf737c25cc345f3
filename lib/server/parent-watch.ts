/**
 * `npm start` runs the server under a shell (`sh -c` on POSIX, `cmd /c` on Windows). npm passes
 * SIGTERM to that shell only; dash dies without passing it on, and `exec` (which would make the
 * server the shell's replacement) does not exist in cmd. So the server started that way watches
 * its launcher and stops cleanly once the launcher is gone: on POSIX the parent pid changes
 * (reparenting), on Windows the old parent no longer exists.
 */
export function watchParent(onGone: () => void, intervalMs = 250): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent && alive(parent)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
