import { readFileSync } from 'node:fs';

/**
 * Whether the process named in a lock file still holds it. `kill(pid, 0)` alone is not enough:
 * a server killed with `kill -9` stays a zombie until its parent reaps it (the pid exists,
 * nothing runs), and after a reboot or a long while the pid may belong to another program. On
 * Linux /proc tells both apart: a zombie's state is `Z`, and a process that started after the
 * lock was written cannot be the one that wrote it. Elsewhere the pid check is all there is.
 */
const START_SLACK_MS = 60_000;

export function holdsLock(pid: number, lockWrittenAtMs: number): boolean {
  const proc = procStat(pid);
  if (proc === 'no-proc') return signalable(pid);
  if (proc === null) return false;
  if (proc.state === 'Z' || proc.state === 'X') return false;
  const started = processStartMs(proc.startTicks);
  // A minute of slack: boot time plus ticks drifts from the wall clock (NTP steps, suspend), and
  // wrongly judging a live server stale would put two servers on one data dir.
  return started === null || started <= lockWrittenAtMs + START_SLACK_MS;
}

interface ProcStat {
  state: string;
  startTicks: number;
}

/** `/proc/<pid>/stat`, or null when the process is gone, or 'no-proc' without procfs. */
function procStat(pid: number): ProcStat | null | 'no-proc' {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return 'no-proc';
    return procfsPresent() ? null : 'no-proc';
  }
  // The command name (field 2) may hold spaces and parentheses: fields restart after the last ")".
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // state is field 3 and starttime field 22; after the name they are at 0 and 19.
  return { state: fields[0] ?? '', startTicks: Number(fields[19]) };
}

function procfsPresent(): boolean {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
}

/** Start time in epoch ms: boot time (`btime` in /proc/stat) plus ticks at USER_HZ = 100. */
function processStartMs(ticks: number): number | null {
  if (!Number.isFinite(ticks)) return null;
  try {
    const boot = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return boot ? Number(boot[1]) * 1000 + ticks * 10 : null;
  } catch {
    return null;
  }
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
