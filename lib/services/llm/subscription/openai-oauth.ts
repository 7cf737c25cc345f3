import type { LlmConfig, SignInConfig } from '../../../config/llm-config.js';
import { readProviderAuth, saveProviderSignIn, type ProviderSignIn } from '../../../store/provider-auth-file.js';
import type { ChatRequest, LlmClient } from '../chat.js';
import { providerError } from '../provider-http.js';
import { oauthErrorCode, oauthRequest, str } from './oauth-http.js';

/**
 * `openai-oauth`: a ChatGPT plan through the sign-in Codex CLI uses. The refresh token lives in
 * auth.json; access tokens are refreshed a minute before they expire (and after a 401), the
 * rotated refresh token saved at once. Completions go to the Codex backend's Responses API,
 * which only streams, so the answer is read from the event stream.
 */
export const OPENAI_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
const PROVIDER = 'openai-oauth';
const EARLY_MS = 60_000;

export const notSignedIn = (provider: string) => providerError(provider, `not signed in: run \`ai-memory auth login ${provider}\` on the server's machine`);

export function openaiOauthClient(config: LlmConfig, now: () => number = Date.now): LlmClient {
  const signIn = config.signIn;
  let cached: { token: string; accountId?: string; expiresAt: number } | undefined;
  async function access(force: boolean) {
    if (!signIn) throw notSignedIn(PROVIDER);
    if (!force && cached && cached.expiresAt - EARLY_MS > now()) return cached;
    const saved = (await readProviderAuth(signIn.dataDir))[PROVIDER];
    if (!saved?.refresh_token) throw notSignedIn(PROVIDER);
    const expiresAt = saved.expires_at ? Date.parse(saved.expires_at) : 0;
    if (!force && saved.access_token && expiresAt - EARLY_MS > now()) {
      cached = { token: saved.access_token, expiresAt, ...(saved.account_id ? { accountId: saved.account_id } : {}) };
      return cached;
    }
    const fresh = await refreshOpenAi(signIn, saved, now);
    await saveProviderSignIn(signIn.dataDir, PROVIDER, fresh);
    cached = { token: fresh.access_token!, expiresAt: Date.parse(fresh.expires_at!), ...(fresh.account_id ? { accountId: fresh.account_id } : {}) };
    return cached;
  }
  async function call(request: ChatRequest, force: boolean): Promise<string> {
    const auth = await access(force);
    const headers: Record<string, string> = { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json', accept: 'text/event-stream', 'openai-beta': 'responses=experimental', originator: 'ai-memory' };
    if (auth.accountId) headers['chatgpt-account-id'] = auth.accountId;
    const body = { model: config.model, instructions: request.system, input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: request.user }] }], stream: true, store: false };
    let response: Response;
    try {
      response = await fetch(`${config.baseUrl}/responses`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(config.timeoutMs) });
    } catch (error) {
      const name = (error as { name?: string }).name;
      throw providerError(PROVIDER, name === 'TimeoutError' ? `no answer within ${config.timeoutMs} ms` : `cannot reach ${new URL(config.baseUrl).origin}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (response.status === 401 && !force) return call(request, true);
    if (!response.ok) throw providerError(PROVIDER, `request failed (HTTP ${response.status})${response.status === 429 ? ': the plan\'s usage limit is reached for now' : ''}`, response.status === 429 ? 'OVERLOADED' : 'NOT_AVAILABLE');
    return textOfStream(text);
  }
  return { provider: PROVIDER, model: config.model, complete: (request) => call(request, false) };
}

async function refreshOpenAi(signIn: SignInConfig, saved: ProviderSignIn, now: () => number): Promise<ProviderSignIn> {
  const answer = await oauthRequest(PROVIDER, `${signIn.endpoints.openaiAuth}/oauth/token`, { json: { client_id: OPENAI_CLIENT_ID, grant_type: 'refresh_token', refresh_token: saved.refresh_token, scope: 'openid profile email' } });
  if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
    throw providerError(PROVIDER, `the sign-in was revoked or has expired (${oauthErrorCode(answer)}): run \`ai-memory auth login ${PROVIDER}\``);
  }
  const access = str(answer.body.access_token);
  if (answer.status !== 200 || !access) throw providerError(PROVIDER, `refreshing the sign-in failed (${oauthErrorCode(answer)}); try again later`);
  return tokensToSignIn(answer.body, now, saved);
}

/** auth.json's entry from a token answer; a refresh answer may omit what did not change. */
export function tokensToSignIn(body: Record<string, unknown>, now: () => number, previous?: ProviderSignIn): ProviderSignIn {
  const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
  const accountId = accountOf(str(body.id_token)) ?? previous?.account_id;
  return {
    refresh_token: str(body.refresh_token) ?? previous?.refresh_token,
    access_token: str(body.access_token),
    expires_at: new Date(now() + seconds * 1000).toISOString(),
    ...(accountId ? { account_id: accountId } : {}),
    signed_in_at: previous?.signed_in_at ?? new Date(now()).toISOString(),
  };
}

/** The ChatGPT account id the backend wants as a header, from the id token's claims. */
function accountOf(idToken: string | undefined): string | undefined {
  const payload = idToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, { chatgpt_account_id?: unknown } | undefined>;
    return str(claims['https://api.openai.com/auth']?.chatgpt_account_id);
  } catch {
    return undefined;
  }
}

/** The answer's text from a Responses event stream: the deltas, or the completed response. */
export function textOfStream(stream: string): string {
  let deltas = '';
  let completed: string | undefined;
  for (const line of stream.split('\n')) {
    if (!line.startsWith('data:')) continue;
    let event: { type?: string; delta?: unknown; response?: { output?: Array<{ content?: Array<{ type?: string; text?: unknown }> }>; error?: { message?: unknown } }; message?: unknown };
    try {
      event = JSON.parse(line.slice(5).trim()) as typeof event;
    } catch {
      continue;
    }
    if (event.type === 'response.output_text.delta' && typeof event.delta === 'string') deltas += event.delta;
    else if (event.type === 'response.completed') completed = (event.response?.output ?? []).flatMap((o) => o.content ?? []).map((c) => (c.type === 'output_text' && typeof c.text === 'string' ? c.text : '')).join('');
    else if (event.type === 'response.failed' || event.type === 'error') throw providerError(PROVIDER, `the model failed: ${String(event.response?.error?.message ?? event.message ?? 'no reason given').slice(0, 200)}`);
  }
  const text = completed || deltas;
  if (text.trim() === '') throw providerError(PROVIDER, 'the answer has no text (response.output_text)');
  return text;
}
