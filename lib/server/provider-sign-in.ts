import { ANTHROPIC_OAUTH_VARS, GITHUB_TOKEN_VARS, SUBSCRIPTION_PROVIDERS, type SignInEndpoints, type SubscriptionProvider } from '../config/llm-config.js';
import { MemoryError } from '../core/errors.js';
import { providerAuthPath, readProviderAuth, saveProviderSignIn } from '../store/provider-auth-file.js';
import { githubDeviceLogin, openaiDeviceLogin, type DeviceCode } from '../services/llm/subscription/device-login.js';

/**
 * What `ai-memory auth login|status|logout` does, on the data dir directly (like `init`): the
 * sign-in is the server machine's, saved in `<data>/auth.json`. Nothing here returns a token.
 */
export interface SignInState {
  provider: SubscriptionProvider;
  signed_in: boolean;
  /** Where the credential comes from: `auth.json` or the name of an environment variable. */
  source?: string;
  signed_in_at?: string;
  access_expires_at?: string;
  account_id?: string;
}

export function subscriptionProviderOf(name: string | undefined): SubscriptionProvider {
  if (name && (SUBSCRIPTION_PROVIDERS as readonly string[]).includes(name)) return name as SubscriptionProvider;
  throw new MemoryError('INVALID_INPUT', `Name a provider: ${SUBSCRIPTION_PROVIDERS.join(', ')}${name ? ` (not "${name}")` : ''}.`);
}

export async function signIn(dataDir: string, provider: SubscriptionProvider, endpoints: SignInEndpoints, show: (code: DeviceCode) => void): Promise<SignInState> {
  if (provider === 'anthropic-oauth') {
    throw new MemoryError('INVALID_INPUT', `anthropic-oauth has no login here: run \`claude setup-token\` and set ${ANTHROPIC_OAUTH_VARS.join(' or ')} for the server (read docs/llm.md on Anthropic's usage policy first).`);
  }
  const signedIn = provider === 'openai-oauth' ? await openaiDeviceLogin(endpoints, { show }) : await githubDeviceLogin(endpoints, { show });
  await saveProviderSignIn(dataDir, provider, signedIn);
  return (await signInStates(dataDir, {})).find((s) => s.provider === provider)!;
}

export async function signInStates(dataDir: string, env: Record<string, string | undefined>): Promise<SignInState[]> {
  const saved = await readProviderAuth(dataDir);
  const envVar = (names: string[]) => names.find((n) => (env[n] ?? '').trim() !== '');
  return SUBSCRIPTION_PROVIDERS.map((provider): SignInState => {
    const fromEnv = provider === 'copilot' ? envVar(GITHUB_TOKEN_VARS) : provider === 'anthropic-oauth' ? envVar(ANTHROPIC_OAUTH_VARS) : undefined;
    if (fromEnv) return { provider, signed_in: true, source: fromEnv };
    const entry = saved[provider];
    if (!entry?.refresh_token) return { provider, signed_in: false };
    return {
      provider,
      signed_in: true,
      source: providerAuthPath(dataDir),
      signed_in_at: entry.signed_in_at,
      ...(entry.expires_at ? { access_expires_at: entry.expires_at } : {}),
      ...(entry.account_id ? { account_id: entry.account_id } : {}),
    };
  });
}

export async function signOut(dataDir: string, provider: SubscriptionProvider): Promise<boolean> {
  const had = Boolean((await readProviderAuth(dataDir))[provider]);
  if (had) await saveProviderSignIn(dataDir, provider, null);
  return had;
}
