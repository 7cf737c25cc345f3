import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { git } from '../helpers/git.js';
import { waitFor } from '../helpers/wait.js';

export const DAY_MS = 86_400_000;
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/** Writes a page file as an editor would (dates in the past are the point). */
export async function putFile(wikiDir: string, rel: string, frontmatter: Record<string, unknown>, body: string): Promise<void> {
  const yaml = Object.entries(frontmatter)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v)}`)
    .join('\n');
  const path = join(wikiDir, rel);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `---\n${yaml}\n---\n${body}`);
}

/** Waits until the server committed the edits it found at start (a clean work tree). */
export async function waitForCleanTree(wikiDir: string): Promise<void> {
  await waitFor(() => git(wikiDir, 'status', '--porcelain').trim() === '', 'the offline edits to be committed', 60_000);
}
