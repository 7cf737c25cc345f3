import { execFileSync } from 'node:child_process';

/** The real git CLI, used to check that the wiki repository is valid and has the history we expect. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function commitSubjects(dir: string): string[] {
  return git(dir, 'log', '--format=%s').trim().split('\n').filter(Boolean);
}

export function fsck(dir: string): void {
  execFileSync('git', ['-C', dir, 'fsck', '--strict', '--no-progress'], { stdio: ['ignore', 'pipe', 'pipe'] });
}
