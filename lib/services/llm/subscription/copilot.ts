import type { LlmConfig, SignInEndpoints } from '../../../config/llm-config.js';
import { readProviderAuth } from '../../../store/provider-auth-file.js';
import type { ChatRequest, LlmClient } from '../chat.js';
import { postJson, providerError } from '../provider-http.js';
import { oauthErrorCode, oauthRequest, str } from './oauth-http.js';
import { notSignedIn } from './openai-oauth.js';

/**
 * `copilot`: a GitHub Copilot plan. A GitHub token (COPILOT_GITHUB_TOKEN / GH_TOKEN /
 * GITHUB_TOKEN, else the one `ai-memory auth login copilot` saved) is exchanged for a Copilot
 * token that lasts about half an hour; it is kept in memory only and renewed a minute before
 * it expires, or after a 401. Chat goes to the OpenAI-shaped API that token names.
 */
const PROVIDER = 'copilot';
const EARLY_MS = 60_000;

export interface CopilotToken {
  token: string;
  expiresAt: number;
  api?: string;
}

export async function exchangeForCopilotToken(endpoints: SignInEndpoints, githubToken: string): Promise<CopilotToken> {
  const answer = await oauthRequest(PROVIDER, `${endpoints.githubApi}/copilot_internal/v2/token`, { headers: { authorization: `token ${githubToken}` } });
  if (answer.status === 401 || answer.status === 403 || answer.status === 404) {
    throw providerError(PROVIDER, `GitHub refused the token for Copilot (${oauthErrorCode(answer)}): no Copilot plan on that account, or the token was revoked; run \`ai-memory auth login copilot\` or set COPILOT_GITHUB_TOKEN`);
  }
  const token = str(answer.body.token);
  if (answer.status !== 200 || !token) throw providerError(PROVIDER, `getting a Copilot token failed (${oauthErrorCode(answer)}); try again later`);
  const expires = typeof answer.body.expires_at === 'number' ? answer.body.expires_at * 1000 : Date.now() + 20 * 60_000;
  const endpointsBody = answer.body.endpoints as { api?: unknown } | undefined;
  const api = str(endpointsBody?.api);
  return { token, expiresAt: expires, ...(api ? { api: api.replace(/\/+$/, '') } : {}) };
}

export function copilotClient(config: LlmConfig, defaultBaseUrl: string, now: () => number = Date.now): LlmClient {
  let cached: CopilotToken | undefined;
  async function githubToken(): Promise<string> {
    if (config.apiKey) return config.apiKey;
    const saved = config.signIn ? (await readProviderAuth(config.signIn.dataDir))[PROVIDER] : undefined;
    if (!saved?.refresh_token) throw notSignedIn(PROVIDER);
    return saved.refresh_token;
  }
  async function copilotToken(force: boolean): Promise<CopilotToken> {
    if (!force && cached && cached.expiresAt - EARLY_MS > now()) return cached;
    if (!config.signIn) throw notSignedIn(PROVIDER);
    cached = await exchangeForCopilotToken(config.signIn.endpoints, await githubToken());
    return cached;
  }
  async function call(request: ChatRequest, force: boolean): Promise<string> {
    const token = await copilotToken(force);
    // An explicit AI_MEMORY_LLM_BASE_URL wins; otherwise the API the token names.
    const base = config.baseUrl !== defaultBaseUrl ? config.baseUrl : (token.api ?? config.baseUrl);
    const headers = { authorization: `Bearer ${token.token}`, 'copilot-integration-id': 'vscode-chat', 'editor-version': 'ai-memory/1' };
    const body = { model: config.model, messages: [{ role: 'system', content: request.system }, { role: 'user', content: request.user }], max_tokens: request.maxTokens, ...(request.json ? { response_format: { type: 'json_object' } } : {}) };
    let answer: unknown;
    try {
      answer = await postJson(`${base}/chat/completions`, headers, body, { provider: PROVIDER, timeoutMs: config.timeoutMs });
    } catch (error) {
      if (!force && /HTTP 401/.test((error as Error).message)) return call(request, true);
      throw error;
    }
    const choices = (answer as { choices?: Array<{ message?: { content?: unknown } }> }).choices;
    const text = choices?.[0]?.message?.content;
    if (typeof text !== 'string' || text.trim() === '') throw providerError(PROVIDER, 'the answer has no text at choices[0].message.content');
    return text;
  }
  return { provider: PROVIDER, model: config.model, complete: (request) => call(request, false) };
}
