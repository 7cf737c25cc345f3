import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TestServer } from './server.js';

/**
 * Pages written by hand with the dates the product writes (created/updated in frontmatter), for
 * the time-aware search tests: the dates sit in the files, so they are written to disk and
 * picked up by a reindex rather than through the API, which stamps the time of the write.
 */
export const DAY = 86_400_000;

export const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

/** A page with the given frontmatter fields (written as given) and body. */
export const datedPage = (fields: Record<string, string>, body: string) => `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n${body}\n`;

/** Writes `files` (project-relative path -> text) into the project's folder, then reindexes. */
export async function writeFilesAndReindex(server: TestServer, scope: { workspace: string; project: string }, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    const file = join(server.wikiDir, scope.workspace, scope.project, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  await server.client.reindex();
}
