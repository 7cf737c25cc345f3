import { join } from 'node:path';
import { AccessLog } from './access-log.js';
import { dataDirLayout, ensureDataDir, type DataDir } from './data-dir.js';
import { createGitRepo, type GitRepo } from './git-repo.js';
import { RawLog } from './raw-log.js';
import { createWikiFiles, type WikiFiles } from './wiki-files.js';
import { createWriteQueue, type WriteQueue } from './write-queue.js';

/** Everything that touches the authoritative files: the wiki (with git), raw events, the layout. */
export interface WikiStore {
  layout: DataDir;
  files: WikiFiles;
  git: GitRepo;
  /** The single serialized writer every mutation goes through. */
  writer: WriteQueue;
  /** Captured hook events, append-only JSONL per session. */
  raw: RawLog;
  /** Page reads and query hits, for the forget sweep's decay (see access-log.ts). */
  access: AccessLog;
}

/** Creates the data dir layout and the wiki repository (with a first commit) when missing. */
export async function openWikiStore(dataDir: string): Promise<WikiStore> {
  const layout = dataDirLayout(dataDir);
  await ensureDataDir(layout);
  const writer = createWriteQueue();
  const git = createGitRepo(layout.wiki, { exclusive: (work) => writer.run(work) });
  await git.init();
  const access = new AccessLog(join(layout.logs, 'access.jsonl'));
  await access.load();
  return { layout, files: createWikiFiles(layout.wiki), git, writer, raw: new RawLog(layout.raw), access };
}
