import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, serverArgs, type CliContext } from '../context.js';
import { shortDate } from '../format.js';

/** `ai-memory user add|list|expire|revive|rotate-token`: needs the root token. */
export function userCommand(ctx: CliContext) {
  const shared = { ...jsonArg, ...serverArgs };
  const named = { name: { type: 'positional', required: true, description: 'User name' }, ...shared } as const;

  const showToken = (name: string, token: string): void => {
    ctx.stdout.write(`Token for ${name} (shown once; give it to them as AI_MEMORY_AUTH_TOKEN):\n${token}\n`);
  };

  return defineCommand({
    meta: { name: 'user', description: 'Manage per-user tokens (attribution of writes; root token only)' },
    subCommands: {
      add: defineCommand({
        meta: { name: 'add', description: 'Create a user and print their token once' },
        args: named,
        async run({ args }) {
          await runCommand(ctx, args.json, async () => {
            const user = await clientFor(ctx, args).addUser(args.name);
            if (args.json) return printJson(ctx, user);
            showToken(user.name, user.token);
          });
        },
      }),
      list: defineCommand({
        meta: { name: 'list', description: 'List users' },
        args: shared,
        async run({ args }) {
          await runCommand(ctx, args.json, async () => {
            const { users } = await clientFor(ctx, args).users();
            if (args.json) return printJson(ctx, { users });
            if (users.length === 0) return void ctx.stdout.write('No users: every request authenticates with the root token.\n');
            ctx.stdout.write(`${users.map((u) => `${u.name.padEnd(20)} ${u.active ? 'active ' : 'expired'} created ${shortDate(u.created)}`).join('\n')}\n`);
          });
        },
      }),
      ...Object.fromEntries(
        (['expire', 'revive', 'rotate-token'] as const).map((action) => [
          action,
          defineCommand({
            meta: { name: action, description: action === 'rotate-token' ? 'Issue a new token (the old one stops working)' : `${action === 'expire' ? 'Disable' : 'Re-enable'} a user's token` },
            args: named,
            async run({ args }) {
              await runCommand(ctx, args.json, async () => {
                const result = await clientFor(ctx, args).userAction(args.name, action);
                if (args.json) return printJson(ctx, result);
                if ('token' in result && typeof result.token === 'string') return showToken(result.name, result.token);
                ctx.stdout.write(`${result.name} is ${result.active ? 'active' : 'expired'}.\n`);
              });
            },
          }),
        ]),
      ),
    },
  });
}
