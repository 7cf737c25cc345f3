import { restoreBackupArchive } from '../store/backup-restore.js';

/** `ai-memory restore`: unpacks a backup; the server rebuilds the derived index when it starts. */
export async function restoreDataDir(file: string, dataDir: string): Promise<{ data_dir: string; entries: number }> {
  const { entries } = await restoreBackupArchive(file, dataDir);
  return { data_dir: dataDir, entries };
}
