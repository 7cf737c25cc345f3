import type { SignInEndpoints } from '../../../config/llm-config.js';
import type { ProviderSignIn } from '../../../store/provider-auth-file.js';
import { providerError } from '../provider-http.js';
import { exchangeForCopilotToken } from './copilot.js';
import { oauthErrorCode, oauthRequest, sleep, str } from './oauth-http.js';
import { OPENAI_CLIENT_ID, tokensToSignIn } from './openai-oauth.js';

/**
 * The device flows behind `ai-memory auth login`: show a code, the person approves it in a
 * browser (on any device), poll until they did. Nothing is opened or listened on locally, so
 * it works over SSH and in containers.
 */
export interface DeviceCode {
  userCode: string;
  verificationUrl: string;
}

export interface DeviceLoginOptions {
  show: (code: DeviceCode) => void;
  /** Give up after this long (default 15 minutes, the codes' usual lifetime). */
  timeoutMs?: number;
  now?: () => number;
}

/** The public client id of GitHub's Copilot editor integrations, which Copilot tokens are issued to. */
export const COPILOT_GITHUB_CLIENT_ID = 'Iv1.b507a08c87ecfe98';

const pollDelay = (seconds: unknown) => Math.max(100, (typeof seconds === 'number' ? seconds : 5) * 1000);

export async function openaiDeviceLogin(endpoints: SignInEndpoints, options: DeviceLoginOptions): Promise<ProviderSignIn> {
  const provider = 'openai-oauth';
  const now = options.now ?? Date.now;
  const start = await oauthRequest(provider, `${endpoints.openaiAuth}/api/accounts/deviceauth/usercode`, { json: { client_id: OPENAI_CLIENT_ID } });
  const deviceId = str(start.body.device_auth_id);
  const userCode = str(start.body.user_code) ?? str(start.body.usercode);
  if (start.status !== 200 || !deviceId || !userCode) throw providerError(provider, `could not start the sign-in (${oauthErrorCode(start)}); device sign-in may need enabling in your ChatGPT security settings`);
  options.show({ userCode, verificationUrl: `${endpoints.openaiAuth}/codex/device` });
  const deadline = now() + (options.timeoutMs ?? 15 * 60_000);
  for (;;) {
    await sleep(pollDelay(Number(start.body.interval)));
    const poll = await oauthRequest(provider, `${endpoints.openaiAuth}/api/accounts/deviceauth/token`, { json: { device_auth_id: deviceId, user_code: userCode } });
    if (poll.status === 200) {
      const code = str(poll.body.authorization_code);
      const verifier = str(poll.body.code_verifier);
      if (!code || !verifier) throw providerError(provider, 'the sign-in answer had no authorization code; try again');
      const tokens = await oauthRequest(provider, `${endpoints.openaiAuth}/oauth/token`, {
        form: { grant_type: 'authorization_code', code, redirect_uri: `${endpoints.openaiAuth}/deviceauth/callback`, client_id: OPENAI_CLIENT_ID, code_verifier: verifier },
      });
      if (tokens.status !== 200 || !str(tokens.body.refresh_token)) throw providerError(provider, `exchanging the code failed (${oauthErrorCode(tokens)}); try again`);
      return tokensToSignIn(tokens.body, now);
    }
    if (poll.status !== 403 && poll.status !== 404) throw providerError(provider, `the sign-in failed (${oauthErrorCode(poll)})`);
    if (now() > deadline) throw providerError(provider, 'the code was not approved in time; run the login again');
  }
}

export async function githubDeviceLogin(endpoints: SignInEndpoints, options: DeviceLoginOptions): Promise<ProviderSignIn> {
  const provider = 'copilot';
  const now = options.now ?? Date.now;
  const start = await oauthRequest(provider, `${endpoints.github}/login/device/code`, { form: { client_id: COPILOT_GITHUB_CLIENT_ID, scope: 'read:user' } });
  const deviceCode = str(start.body.device_code);
  const userCode = str(start.body.user_code);
  if (start.status !== 200 || !deviceCode || !userCode) throw providerError(provider, `could not start the GitHub sign-in (${oauthErrorCode(start)})`);
  options.show({ userCode, verificationUrl: str(start.body.verification_uri) ?? `${endpoints.github}/login/device` });
  let delay = pollDelay(start.body.interval);
  const deadline = now() + (typeof start.body.expires_in === 'number' ? start.body.expires_in * 1000 : (options.timeoutMs ?? 15 * 60_000));
  for (;;) {
    await sleep(delay);
    const poll = await oauthRequest(provider, `${endpoints.github}/login/oauth/access_token`, { form: { client_id: COPILOT_GITHUB_CLIENT_ID, device_code: deviceCode, grant_type: 'urn:ietf:params:oauth:grant-type:device_code' } });
    const token = str(poll.body.access_token);
    if (token) {
      // Fail now, not at the first consolidation, when the account has no Copilot plan.
      await exchangeForCopilotToken(endpoints, token);
      return { refresh_token: token, signed_in_at: new Date(now()).toISOString() };
    }
    const code = oauthErrorCode(poll);
    if (code === 'slow_down') delay += 5000;
    else if (code !== 'authorization_pending') throw providerError(provider, code === 'access_denied' ? 'the sign-in was declined' : code === 'expired_token' ? 'the code expired; run the login again' : `the GitHub sign-in failed (${code})`);
    if (now() > deadline) throw providerError(provider, 'the code was not approved in time; run the login again');
  }
}
