import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SERVER_FILE, type ServerRecord } from '../config/server-file.js';
import { writeFileAtomic } from './atomic-write.js';
import type { DataDir } from './data-dir.js';

/** Records where this server listens (lib/config/server-file.ts says why); returns its removal. */
export async function recordServer(layout: DataDir, url: string): Promise<() => Promise<void>> {
  const path = join(layout.root, SERVER_FILE);
  const record: ServerRecord = { url, web_url: `${url}/web/`, pid: process.pid, started_at: new Date().toISOString() };
  await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  return async () => {
    // Only our own record: a later server on the same data dir may have replaced it.
    const current = await readFile(path, 'utf8').catch(() => '');
    if (current.includes(`"pid": ${process.pid},`) && current.includes(`"url": ${JSON.stringify(url)}`)) await rm(path, { force: true });
  };
}
