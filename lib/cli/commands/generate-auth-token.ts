import { randomBytes } from 'node:crypto';
import { defineCommand } from 'citty';
import { invalid } from '../../core/errors.js';
import { jsonArg, printJson, runCommand, type CliContext } from '../context.js';

export function generateAuthTokenCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'generate-auth-token', description: 'Print a new random token for AI_MEMORY_AUTH_TOKEN' },
    args: { bytes: { type: 'string', description: 'Random bytes (default 32: 64 hex characters)' }, ...jsonArg },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const bytes = args.bytes === undefined ? 32 : Number(args.bytes);
        if (!Number.isInteger(bytes) || bytes < 16 || bytes > 128) throw invalid('--bytes must be 16..128');
        const token = randomBytes(bytes).toString('hex');
        if (args.json) return printJson(ctx, { token });
        ctx.stdout.write(`${token}\n`);
      });
    },
  });
}
