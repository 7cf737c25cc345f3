import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { defineCommand } from 'citty';
import { MemoryError } from '../../core/errors.js';
import { clientFor, jsonArg, printJson, runCommand, serverArgs, type CliContext } from '../context.js';
import { backupTarget } from './backup-out.js';
import { count } from '../words.js';

/** `ai-memory backup [--out FILE|DIR]`: the server's data as one .tar.gz, written privately (0600). */
export function backupCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'backup', description: 'Write one archive of the wiki (with git history), raw events and config' },
    args: {
      out: { type: 'string', alias: 'o', description: 'Archive file, or an existing folder to write ai-memory-backup-<time>.tar.gz into (default: that name in the current folder)' },
      ...jsonArg,
      ...serverArgs,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const out = await backupTarget(ctx.cwd, args.out);
        const body = await clientFor(ctx, args).backup();
        if (!body) throw new MemoryError('INTERNAL', 'the server sent an empty backup');
        // A partial download never takes the final name.
        const partial = `${out}.partial`;
        try {
          await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), createWriteStream(partial, { mode: 0o600 }));
          await rename(partial, out);
        } catch (error) {
          await rm(partial, { force: true });
          if (error instanceof MemoryError) throw error;
          // A local file error (EACCES, ENOSPC) is not a server problem.
          if ((error as NodeJS.ErrnoException).syscall) throw new MemoryError('INTERNAL', `could not write ${partial}: ${(error as Error).message}`);
          throw new MemoryError('SERVER_UNREACHABLE', `backup download failed: ${(error as Error).message}`);
        }
        const bytes = (await stat(out)).size;
        if (args.json) return printJson(ctx, { file: out, bytes });
        ctx.stdout.write(`Backup written to ${out} (${(bytes / 1024).toFixed(0)} KiB). Restore with: ai-memory restore --from ${out} --data-dir <empty dir>\n`);
      });
    },
  });
}

/** `ai-memory restore --from FILE [--data-dir DIR]`: direct disk work, onto an empty data dir. */
export function restoreCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'restore', description: 'Unpack a backup onto an empty data dir (no server may be running on it)' },
    args: {
      from: { type: 'string', required: true, description: 'Backup archive' },
      'data-dir': { type: 'string', description: 'The empty data directory to restore into (required: a restore never picks one for you)' },
      ...jsonArg,
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        // Restoring into whatever the environment or the default names could land on the live
        // memory; the user names the target every time.
        if (!args['data-dir']) {
          const { resolveDataDir } = await import('../../config/config.js');
          const fallback = resolveDataDir({}, ctx.env, ctx.homeDir, ctx.cwd);
          throw new MemoryError('INVALID_INPUT', `restore needs --data-dir DIR, an empty folder to restore into; it never restores into the default data dir on its own (to restore there, stop the server and pass --data-dir ${fallback})`);
        }
        const dataDir = resolve(ctx.cwd, args['data-dir']);
        const { restoreDataDir } = await import('../../server/restore.js');
        const result = await restoreDataDir(resolve(ctx.cwd, args.from), dataDir);
        if (args.json) return printJson(ctx, result);
        ctx.stdout.write(`Restored ${count(result.entries, 'entry', 'entries')} into ${result.data_dir}. Start the server with: ai-memory serve --data-dir ${result.data_dir} (the index is rebuilt on first start).\n`);
      });
    },
  });
}
