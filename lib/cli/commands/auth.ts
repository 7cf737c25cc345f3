import { defineCommand } from 'citty';
import { jsonArg, printJson, runCommand, type CliContext } from '../context.js';

/**
 * `ai-memory auth login|status|logout <provider>`: sign the server's machine in to a
 * subscription-backed LLM provider (docs/llm.md). Works on the data dir, like `init`; the
 * server picks a new sign-in up at its next provider call.
 */
const dataDirArg = { 'data-dir': { type: 'string', description: 'Data directory (default $AI_MEMORY_DATA_DIR or ~/.local/share/ai-memory)' } } as const;

async function setup(ctx: CliContext, dataDirFlag: string | undefined) {
  const { resolveDataDir } = await import('../../config/config.js');
  const { signInEndpoints } = await import('../../config/llm-config.js');
  const signIns = await import('../../server/provider-sign-in.js');
  return { dataDir: resolveDataDir({ dataDir: dataDirFlag }, ctx.env, ctx.homeDir, ctx.cwd), endpoints: signInEndpoints(ctx.env), signIns };
}

export function authCommand(ctx: CliContext) {
  const login = defineCommand({
    meta: { name: 'login', description: 'Sign in with a device code: openai-oauth (ChatGPT plan) or copilot (GitHub Copilot plan)' },
    args: { provider: { type: 'positional', required: true, description: 'openai-oauth or copilot' }, ...dataDirArg, ...jsonArg },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const { dataDir, endpoints, signIns } = await setup(ctx, args['data-dir']);
        const provider = signIns.subscriptionProviderOf(args.provider);
        // The code goes to stderr so --json output stays one document.
        const state = await signIns.signIn(dataDir, provider, endpoints, (code) => {
          ctx.stderr.write(`Open ${code.verificationUrl} and enter the code ${code.userCode}\nWaiting for you to approve it...\n`);
        });
        if (args.json) return printJson(ctx, state);
        ctx.stdout.write(`Signed in to ${provider}${state.account_id ? ` (account ${state.account_id})` : ''}; saved in ${state.source} (readable by you only).\nUse it with AI_MEMORY_LLM_PROVIDER=${provider} ai-memory serve\n`);
      });
    },
  });
  const status = defineCommand({
    meta: { name: 'status', description: 'Which subscription providers are signed in (never shows a token)' },
    args: { ...dataDirArg, ...jsonArg },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const { dataDir, signIns } = await setup(ctx, args['data-dir']);
        const states = await signIns.signInStates(dataDir, ctx.env);
        if (args.json) return printJson(ctx, { providers: states });
        const lines = states.map((s) => `${s.provider.padEnd(16)}${s.signed_in ? `signed in (${s.source}${s.signed_in_at ? `, since ${s.signed_in_at}` : ''})` : 'not signed in'}`);
        ctx.stdout.write(`${lines.join('\n')}\n`);
      });
    },
  });
  const logout = defineCommand({
    meta: { name: 'logout', description: "Forget a provider's saved sign-in" },
    args: { provider: { type: 'positional', required: true, description: 'openai-oauth or copilot' }, ...dataDirArg, ...jsonArg },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const { dataDir, signIns } = await setup(ctx, args['data-dir']);
        const provider = signIns.subscriptionProviderOf(args.provider);
        const removed = await signIns.signOut(dataDir, provider);
        if (args.json) return printJson(ctx, { provider, removed });
        ctx.stdout.write(removed ? `Signed out of ${provider}; restart the server if it was using it.\n` : `No saved sign-in for ${provider}.\n`);
      });
    },
  });
  return defineCommand({ meta: { name: 'auth', description: 'Sign in to subscription-backed LLM providers (openai-oauth, copilot)' }, subCommands: { login, status, logout } });
}
