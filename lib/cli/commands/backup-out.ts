import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { invalid } from '../../core/errors.js';

export function defaultBackupName(now = new Date()): string {
  return `ai-memory-backup-${now.toISOString().replace(/[:.]/g, '-')}.tar.gz`;
}

/**
 * The file `backup --out` writes: the path itself, or the default name inside it when it is a
 * folder. Decided before the server is asked, because the server holds every write while it
 * packs, for nothing if the archive cannot be stored afterwards.
 */
export async function backupTarget(cwd: string, out: string | undefined): Promise<string> {
  if (out === undefined) return resolve(cwd, defaultBackupName());
  const target = resolve(cwd, out);
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory()) {
    await checkFolder(target, target);
    return join(target, defaultBackupName());
  }
  if (info && !info.isFile()) throw invalid(`cannot write ${target}: it exists and is not a regular file; pass a new file name or a folder as --out`);
  // A trailing slash means a folder was meant; writing a file named like it would surprise.
  if (!info && /[\\/]$/.test(out)) throw invalid(`cannot write into ${target}: there is no folder ${target} (create it first)`);
  await checkFolder(dirname(target), target);
  return target;
}

async function checkFolder(folder: string, target: string): Promise<void> {
  const info = await stat(folder).catch(() => null);
  if (!info) throw invalid(`cannot write ${target}: there is no folder ${folder} (create it first)`);
  if (!info.isDirectory()) throw invalid(`cannot write ${target}: ${folder} is a file, not a folder`);
  await access(folder, constants.W_OK).catch(() => {
    throw invalid(`cannot write ${target}: no permission to write in ${folder} (pass another --out)`);
  });
}
